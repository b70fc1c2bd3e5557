/**
 * The close circle in the groups a patient looks for: who to call in an emergency, the trusted
 * person (personne de confiance), the care team, family and friends, everyone else. Emergency
 * contacts also stay in their own group: that list answers "who do I call", the others "who is
 * who".
 */
import type { EntryOf } from '../../lib/record';

export type Contact = EntryOf<'contact'>;

export type CircleGroups = {
  emergency: Contact[];
  trusted: Contact[];
  /** The GP (médecin traitant) first, then specialists by specialty, then other professionals. */
  care: Contact[];
  familyAndFriends: Contact[];
  others: Contact[];
};

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const byName = (a: Contact, b: Contact) => collator.compare(text(a.name), text(b.name));

const CARE_ORDER: Record<string, number> = { gp: 0, specialist: 1, 'other-professional': 2 };

function byCareRole(a: Contact, b: Contact): number {
  const rank = (CARE_ORDER[a.role] ?? 3) - (CARE_ORDER[b.role] ?? 3);
  if (rank !== 0) return rank;
  if (a.role === 'specialist') {
    const specialty = collator.compare(text(a.specialty), text(b.specialty));
    if (specialty !== 0) return specialty;
  }
  return byName(a, b);
}

export function circleGroups(contacts: readonly Contact[]): CircleGroups {
  const sorted = [...contacts].sort(byName);
  const withRole = (...roles: string[]) => sorted.filter((c) => roles.includes(c.role));
  return {
    emergency: sorted.filter((contact) => contact.emergency === true),
    trusted: withRole('trusted-person'),
    care: withRole('gp', 'specialist', 'other-professional').sort(byCareRole),
    familyAndFriends: withRole('family', 'friend'),
    // Anything else, including roles a newer version may add: no contact is ever hidden.
    others: sorted.filter(
      (c) =>
        !['trusted-person', 'gp', 'specialist', 'other-professional', 'family', 'friend'].includes(
          c.role,
        ),
    ),
  };
}

/**
 * A `tel:` link for a phone number as typed (RFC 3966): digits and a leading "+", without the
 * spaces, dots and brackets people write between them. In "+33 (0)1…" the "(0)" is only dialled
 * from inside the country, so it goes.
 */
export function telHref(phone: string): string {
  const international = phone.trim().startsWith('+');
  const digits = (international ? phone.replace('(0)', '') : phone).replace(/\D/g, '');
  return `tel:${international ? '+' : ''}${digits}`;
}

export function mailtoHref(email: string): string {
  return `mailto:${email.trim()}`;
}
