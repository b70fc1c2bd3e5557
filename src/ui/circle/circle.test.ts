import { describe, expect, it } from 'vitest';
import { circleGroups, mailtoHref, telHref, type Contact } from './circle-groups';
import { advanceDirectives, organDonation, type Directive } from './wishes';

let next = 0;
function contact(name: string, role: string, fields: Partial<Contact> = {}): Contact {
  return {
    id: `c${next++}`,
    kind: 'contact',
    createdAt: 0,
    updatedAt: 0,
    source: 'patient',
    name,
    role,
    ...fields,
  } as Contact;
}

function directive(fields: Partial<Directive>, updatedAt = 0): Directive {
  return {
    id: `d${next++}`,
    kind: 'directive',
    createdAt: 0,
    updatedAt,
    source: 'patient',
    ...fields,
  } as Directive;
}

describe('the close circle', () => {
  const gp = contact('Dr Lefèvre', 'gp');
  const cardio = contact('Dr Zola', 'specialist', { specialty: 'Cardiologue' });
  const derm = contact('Dr Abel', 'specialist', { specialty: 'Dermatologue' });
  const nurse = contact('Amélie Infirmière', 'other-professional');
  const daughter = contact('Zoé Martin', 'family', { emergency: true });
  const friend = contact('Élodie', 'friend');
  const trusted = contact('Jeanne Dupont', 'trusted-person', { emergency: true });
  const neighbour = contact('Marc', 'other');
  const groups = circleGroups([neighbour, nurse, derm, daughter, cardio, friend, gp, trusted]);

  it('lists everyone to call in an emergency, whatever their role', () => {
    expect(groups.emergency.map((c) => c.name)).toEqual(['Jeanne Dupont', 'Zoé Martin']);
  });

  it('puts the GP first in the care team, then specialists by specialty, then the others', () => {
    expect(groups.care.map((c) => c.name)).toEqual([
      'Dr Lefèvre',
      'Dr Zola',
      'Dr Abel',
      'Amélie Infirmière',
    ]);
  });

  it('keeps the trusted person, family and friends, and others apart, by name', () => {
    expect(groups.trusted.map((c) => c.name)).toEqual(['Jeanne Dupont']);
    expect(groups.familyAndFriends.map((c) => c.name)).toEqual(['Élodie', 'Zoé Martin']);
    expect(groups.others.map((c) => c.name)).toEqual(['Marc']);
  });

  it('never hides a contact whose role it does not know', () => {
    const future = contact('Someone', 'pharmacist');
    expect(circleGroups([future]).others).toEqual([future]);
  });

  it('dials a phone number written with spaces, dots or an international prefix', () => {
    expect(telHref('06 12 34 56 78')).toBe('tel:0612345678');
    expect(telHref('+33 (0)1.23.45.67.89')).toBe('tel:+33123456789');
    expect(mailtoHref(' dr.lefevre@example.fr ')).toBe('mailto:dr.lefevre@example.fr');
  });
});

describe('wishes', () => {
  it('the latest organ donation choice holds; the earlier ones are kept apart', () => {
    const first = directive({ type: 'organ-donation', choice: 'consents', date: '2019-05-01' });
    const latest = directive({ type: 'organ-donation', choice: 'refuses', date: '2024-02-10' });
    const undated = directive({ type: 'organ-donation', choice: 'refuses-partly' }, 99);
    const { current, earlier } = organDonation([first, undated, latest]);
    expect(current?.choice).toBe('refuses');
    expect(earlier.map((d) => d.choice)).toEqual(['consents', 'refuses-partly']);
  });

  it('without a choice, none holds', () => {
    expect(organDonation([directive({ type: 'advance-directive', text: 'x' })]).current).toBeNull();
  });

  it('lists advance directives latest first, the same day by last change', () => {
    const a = directive({ type: 'advance-directive', text: 'a', date: '2020-01-01' }, 1);
    const b = directive({ type: 'advance-directive', text: 'b', date: '2023-01-01' }, 1);
    const c = directive({ type: 'advance-directive', text: 'c', date: '2023-01-01' }, 5);
    const gift = directive({ type: 'organ-donation', choice: 'consents' });
    expect(advanceDirectives([a, gift, b, c]).map((d) => d.text)).toEqual(['c', 'b', 'a']);
  });
});
