/**
 * The emergency card (DESIGN §4): what the patient chooses to show whoever finds them unable to
 * speak — blood group, allergies, treatments, who to call — as the text of a QR code. Plain UTF-8
 * text, not a link: a phone's camera app shows text as it is, with no network and no app, where a
 * link would need both. The UI gives every word (lib/ holds no sentences), so the same record
 * makes a card in French or in English.
 */
import type * as Y from 'yjs';
import {
  activeConditions,
  activeMedications,
  listAllergies,
  listEntries,
  readIdentity,
  type ALLERGY_SEVERITIES,
  type EntryOf,
  type ORGAN_DONATION_CHOICES,
} from '../record';

/** What a card may show, in the order it shows them. `identity`: name and birth date. */
export const EMERGENCY_FIELDS = [
  'identity',
  'blood-group',
  'allergies',
  'treatments',
  'conditions',
  'emergency-contacts',
  'trusted-person',
  'directives',
  'organ-donation',
] as const;
export type EmergencyField = (typeof EMERGENCY_FIELDS)[number];

/**
 * Bytes a QR code of version 25 holds at error correction M in byte mode (ISO/IEC 18004:2015,
 * table 7). Version 25 (117 × 117 modules) is about as dense as a phone reads off a wallet card
 * printed at home, and M survives a scratched or creased card. Text within this always fits:
 * the encoder's mixed segments are never longer than bytes alone.
 */
export const EMERGENCY_CARD_MAX_BYTES = 997;

/** Longest line kept whole (in characters); a longer one ends in "…". A card is read in a hurry. */
const MAX_LINE = 120;

type AllergySeverity = (typeof ALLERGY_SEVERITIES)[number];
type OrganDonationChoice = (typeof ORGAN_DONATION_CHOICES)[number];

/** Every word the card uses, in the patient's language. */
export type EmergencyCardLabels = {
  /** The first line, e.g. "CARTE D'URGENCE / EMERGENCY CARD". */
  title: string;
  /** Each field's heading on the card ("Allergies"); the name needs none. */
  headings: Record<Exclude<EmergencyField, 'identity'>, string>;
  /** Between a heading and its value: ": " in English, " : " in French. */
  colon: string;
  birthDate: string;
  /** Severity in words, as a reader should weigh it ("GRAVE"). */
  severity: Record<AllergySeverity, string>;
  organDonation: Record<OrganDonationChoice, string>;
  /** Said of advance directives kept as a signed document rather than written out. */
  directiveInDocument: string;
  /** Before the day the card was made ("Mise à jour"). */
  updated: string;
  /** Writes a day ("2025-03-01") the patient's way. */
  date: (day: string) => string;
};

export type EmergencyCard = {
  text: string;
  /** Fields chosen but with nothing in the record to show: the card leaves them out. */
  empty: EmergencyField[];
  /** How many items of a field were left out so that the code stays readable, if any. */
  cut: { field: EmergencyField; omitted: number }[];
};

type Section = {
  field: EmergencyField;
  /** null: the lines stand alone (the name). */
  heading: string | null;
  /** One item on the heading's line ("Groupe sanguin : O-"), or a list under it. */
  inline: boolean;
  items: string[];
  omitted: number;
};

/**
 * When the text is too long, items are left out from the end of these lists, one list after the
 * other down to the number given: what a first responder can best do without goes first. Each
 * list is sorted most important first (allergies by severity), so its end matters least.
 */
const CUT_STEPS: [EmergencyField, number][] = [
  ['conditions', 0],
  ['emergency-contacts', 1],
  ['treatments', 0],
  ['directives', 0],
  ['allergies', 1],
  ['emergency-contacts', 0],
  ['trusted-person', 0],
  ['allergies', 0],
];

/**
 * The card's text for the chosen fields, as of `now` (which treatments and conditions are
 * current, and the "updated" line). At most EMERGENCY_CARD_MAX_BYTES of UTF-8; when the record
 * holds more, the least important items give way to "… (+n)" and `cut` says which.
 */
export function emergencyCardText(
  doc: Y.Doc,
  fields: readonly EmergencyField[],
  labels: EmergencyCardLabels,
  now = Date.now(),
): EmergencyCard {
  const chosen = EMERGENCY_FIELDS.filter((field) => fields.includes(field));
  const sections = chosen.map((field) => sectionOf(doc, field, labels, now));
  const shown = sections.filter((section) => section.items.length > 0);
  const footer = `${labels.updated}${labels.colon}${labels.date(localDay(now))}`;
  const compose = () =>
    [labels.title, ...shown.flatMap((s) => lines(s, labels)), footer].map(shorten).join('\n');

  let text = compose();
  for (const [field, floor] of CUT_STEPS) {
    const section = shown.find((s) => s.field === field);
    while (section && section.items.length > floor && !fits(text)) {
      section.items.pop();
      section.omitted += 1;
      text = compose();
    }
  }
  // Only names, birth date, blood group and one-line choices are left: drop sections from the end.
  while (!fits(text) && shown.length > 0) {
    const last = shown.pop()!;
    last.omitted += last.items.length;
    last.items = [];
    text = compose();
  }
  return {
    text,
    empty: sections.filter((s) => s.items.length === 0 && s.omitted === 0).map((s) => s.field),
    cut: sections.filter((s) => s.omitted > 0).map(({ field, omitted }) => ({ field, omitted })),
  };
}

const encoder = new TextEncoder();
const fits = (text: string) => encoder.encode(text).length <= EMERGENCY_CARD_MAX_BYTES;

function lines(section: Section, labels: EmergencyCardLabels): string[] {
  if (section.heading === null) return section.items;
  if (section.inline) return [`${section.heading}${labels.colon}${section.items[0]}`];
  const more = section.omitted > 0 ? [`- … (+${section.omitted})`] : [];
  return [
    `${section.heading}${labels.colon.trimEnd()}`,
    ...section.items.map((item) => `- ${item}`),
    ...more,
  ];
}

/** One line of at most MAX_LINE characters (never splitting one), without inner line breaks. */
function shorten(line: string): string {
  const chars = Array.from(line.replace(/\s+/g, ' ').trim());
  return chars.length <= MAX_LINE ? chars.join('') : `${chars.slice(0, MAX_LINE - 1).join('')}…`;
}

const present = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '';
const joined = (parts: unknown[], separator = ' ') => parts.filter(present).join(separator);

function sectionOf(
  doc: Y.Doc,
  field: EmergencyField,
  labels: EmergencyCardLabels,
  now: number,
): Section {
  const section = (items: string[], inline = false): Section => ({
    field,
    heading: field === 'identity' ? null : labels.headings[field],
    inline,
    items,
    omitted: 0,
  });
  switch (field) {
    case 'identity': {
      const { givenNames, familyName, birthDate } = readIdentity(doc);
      const name = joined([givenNames, familyName]);
      const born = birthDate ? `${labels.birthDate}${labels.colon}${labels.date(birthDate)}` : '';
      return section([name, born].filter(present));
    }
    case 'blood-group': {
      const { bloodGroup } = readIdentity(doc);
      return section(bloodGroup ? [bloodGroup] : [], true);
    }
    case 'allergies':
      return section(listAllergies(doc).map((allergy) => allergyLine(allergy, labels)));
    case 'treatments':
      return section(activeMedications(doc, now).map((m) => joined([m.name, m.dosage], ', ')));
    case 'conditions':
      return section(activeConditions(doc, now).map((condition) => condition.name));
    case 'emergency-contacts':
      return section(contacts(doc, (c) => c.emergency === true).map(contactLine));
    case 'trusted-person':
      return section(contacts(doc, (c) => c.role === 'trusted-person').map(contactLine));
    case 'directives': {
      const [latest] = wishes(doc, 'advance-directive');
      if (!latest) return section([]);
      const what = present(latest.text) ? latest.text : labels.directiveInDocument;
      return section([latest.date ? `${labels.date(latest.date)}${labels.colon}${what}` : what]);
    }
    case 'organ-donation': {
      const [holds] = wishes(doc, 'organ-donation').filter((d) => d.choice !== undefined);
      if (!holds?.choice) return section([]);
      // A partial refusal says which organs in its note.
      const which = holds.choice === 'refuses-partly' && present(holds.note) ? holds.note : '';
      return section([joined([labels.organDonation[holds.choice], which && `(${which})`])], true);
    }
  }
}

function allergyLine(allergy: EntryOf<'allergy'>, labels: EmergencyCardLabels): string {
  const severity = allergy.severity ? ` (${labels.severity[allergy.severity]})` : '';
  const reaction = present(allergy.reaction) ? `${labels.colon}${allergy.reaction}` : '';
  return `${allergy.substance}${severity}${reaction}`;
}

function contacts(doc: Y.Doc, keep: (contact: EntryOf<'contact'>) => boolean) {
  const all = listEntries(doc, 'contact') as unknown as EntryOf<'contact'>[];
  return all.filter(keep).sort((a, b) => collator.compare(a.name, b.name));
}

function contactLine(contact: EntryOf<'contact'>): string {
  return joined([
    contact.name,
    present(contact.relationship) && `(${contact.relationship})`,
    contact.phone,
  ]);
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base' });

/** Directives of a type, the one that holds first: latest written, then latest changed. */
function wishes(doc: Y.Doc, type: EntryOf<'directive'>['type']): EntryOf<'directive'>[] {
  const all = listEntries(doc, 'directive') as unknown as EntryOf<'directive'>[];
  return all
    .filter((directive) => directive.type === type)
    .sort((a, b) => {
      const [da, db] = [a.date ?? '', b.date ?? ''];
      return da !== db ? (da < db ? 1 : -1) : b.updatedAt - a.updatedAt;
    });
}

/** The device's day at `now`, as YYYY-MM-DD. */
function localDay(now: number): string {
  const day = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

const SETTINGS = 'settings';
const CHOSEN_KEY = 'emergencyFields';

/**
 * The fields the patient last chose for the card, kept in the record (root map `settings`, key
 * `emergencyFields`) so every device of theirs makes the same card; null if never chosen.
 */
export function readEmergencyFields(doc: Y.Doc): EmergencyField[] | null {
  const stored: unknown = doc.getMap(SETTINGS).get(CHOSEN_KEY);
  if (!Array.isArray(stored)) return null;
  return EMERGENCY_FIELDS.filter((field) => stored.includes(field));
}

export function chooseEmergencyFields(doc: Y.Doc, fields: readonly EmergencyField[]): void {
  const known = EMERGENCY_FIELDS.filter((field) => fields.includes(field));
  const before = readEmergencyFields(doc);
  if (before && before.join() === known.join()) return; // no update for nothing
  doc.getMap(SETTINGS).set(CHOSEN_KEY, known);
}
