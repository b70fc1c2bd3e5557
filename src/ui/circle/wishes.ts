/**
 * The patient's wishes (FHIR Consent): advance directives, and the organ donation choice, where
 * the latest one written is the one that holds.
 */
import type { EntryOf } from '../../lib/record';

export type Directive = EntryOf<'directive'>;

/** Latest first: by the date written, then by the last change (an undated one sorts last). */
function latestFirst(a: Directive, b: Directive): number {
  const [da, db] = [a.date ?? '', b.date ?? ''];
  if (da !== db) return da < db ? 1 : -1;
  return b.updatedAt - a.updatedAt;
}

export function advanceDirectives(directives: readonly Directive[]): Directive[] {
  return directives.filter((d) => d.type === 'advance-directive').sort(latestFirst);
}

/** The organ donation choice that holds, and the ones it replaced (latest first). */
export function organDonation(directives: readonly Directive[]): {
  current: Directive | null;
  earlier: Directive[];
} {
  const [current = null, ...earlier] = directives
    .filter((d) => d.type === 'organ-donation' && typeof d.choice === 'string')
    .sort(latestFirst);
  return { current, earlier };
}
