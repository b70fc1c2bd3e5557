/**
 * The order the medical profile shows things in: what matters now first. Pure functions over
 * entries read from lib/record, so each rule is tested without a screen.
 */
import {
  FAMILY_RELATIONSHIPS,
  LIFESTYLE_TOPICS,
  entryDate,
  type Entry,
  type LifestyleTopic,
} from '../../lib/record';

const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Newest date first; entries without a date after, most recently changed first. */
export function byDateDesc<T extends Entry>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => {
    const [da, db] = [entryDate(a) ?? '', entryDate(b) ?? ''];
    return da !== db ? (da < db ? 1 : -1) : b.updatedAt - a.updatedAt;
  });
}

/**
 * Current treatments are `active` (lib/record's activeMedications), followed by those set to
 * start later, which are not past either. The rest are past, most recently ended first.
 */
export function splitTreatments(
  all: readonly Entry[],
  active: readonly Entry[],
  today: string,
): { current: Entry[]; past: Entry[] } {
  const activeIds = new Set(active.map((entry) => entry.id));
  const planned: Entry[] = [];
  const past: Entry[] = [];
  for (const entry of all) {
    if (activeIds.has(entry.id)) continue;
    const status = entry.status ?? 'active';
    const ended = typeof entry.endDate === 'string' && entry.endDate < today;
    if (status === 'active' && !ended) planned.push(entry);
    else past.push(entry);
  }
  const endOf = (entry: Entry) => text(entry.endDate) || text(entry.startDate);
  past.sort((a, b) => {
    const [ea, eb] = [endOf(a), endOf(b)];
    return ea !== eb ? (ea < eb ? 1 : -1) : b.updatedAt - a.updatedAt;
  });
  planned.sort((a, b) => text(a.startDate).localeCompare(text(b.startDate)));
  return { current: [...active, ...planned], past };
}

const CONDITION_RANK: Record<string, number> = { active: 0, remission: 1, resolved: 2 };

/** Current illnesses, then those in remission, then cured ones; each newest first. */
export function sortConditions(entries: readonly Entry[]): Entry[] {
  const rank = (entry: Entry) => CONDITION_RANK[text(entry.status) || 'active'] ?? 0;
  return byDateDesc(entries).sort((a, b) => rank(a) - rank(b));
}

/** Closest relatives first (mother, father, siblings…), then by illness. */
export function sortFamilyHistory(entries: readonly Entry[]): Entry[] {
  const order: readonly string[] = FAMILY_RELATIONSHIPS;
  const rank = (entry: Entry) => {
    const index = order.indexOf(text(entry.relationship));
    return index < 0 ? order.length : index;
  };
  return [...entries].sort(
    (a, b) => rank(a) - rank(b) || collator.compare(text(a.condition), text(b.condition)),
  );
}

export type LifestyleTopicStatus = { topic: LifestyleTopic; latest: Entry; earlier: Entry[] };

/**
 * For each topic that has entries (tobacco, alcohol, activity, in that order), the latest one:
 * by its date, or when it was written for an undated one. The earlier ones stay reachable.
 */
export function lifestyleByTopic(entries: readonly Entry[]): LifestyleTopicStatus[] {
  const asOf = (entry: Entry) => text(entry.date) || new Date(entry.createdAt).toISOString();
  const sorted = [...entries].sort((a, b) => {
    const [da, db] = [asOf(a), asOf(b)];
    return da !== db ? (da < db ? 1 : -1) : b.updatedAt - a.updatedAt;
  });
  return LIFESTYLE_TOPICS.flatMap((topic) => {
    const [latest, ...earlier] = sorted.filter((entry) => entry.topic === topic);
    return latest ? [{ topic, latest, earlier }] : [];
  });
}

export type DoseDue = { date: string; overdue: boolean };

/** When a vaccination's next dose is due, and whether that day has passed. */
export function nextDoseDue(entry: Entry, today: string): DoseDue | null {
  const date = text(entry.nextDueDate);
  return date ? { date, overdue: date < today } : null;
}

/**
 * An INS as printed on a Carte Vitale: "2 55 08 14 168 025 38" (sex, year, month, département,
 * commune, order number, key). Anything of another shape is shown as it is.
 */
export function formatIns(ins: string): string {
  const match = /^(\d)(\d{2})(\d{2})(\d[\dAB])(\d{3})(\d{3})(\d{2})$/.exec(ins);
  return match ? match.slice(1).join(' ') : ins;
}
