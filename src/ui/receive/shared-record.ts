/**
 * The shared part of a record as the professional's page shows it: entries grouped by kind in the
 * order a clinician reads a record, each shared file's arrival, which viewer opens it, and the
 * identity fields the patient chose to share. Pure, for the components and unit tests.
 */
import { IDENTITY_FIELD_NAMES, type Entry, type EntryKind, type Identity } from '../../lib/record';
import { byDateDesc } from '../profile/profile-lists';
import type { FileView } from './reception.svelte';

/**
 * Kinds in the order of the patient's record: what matters in an emergency first (the medical
 * profile's order), then documents, agenda, circle and wishes.
 */
export const SHARED_KIND_ORDER: readonly EntryKind[] = [
  'allergy',
  'medication',
  'condition',
  'procedure',
  'hospitalisation',
  'immunization',
  'measurement',
  'lifestyle',
  'family-history',
  'document',
  'appointment',
  'contact',
  'directive',
];

export interface KindGroup {
  kind: EntryKind;
  entries: Entry[];
}

/** The entries by kind, in SHARED_KIND_ORDER, without empty groups; newest first in each. */
export function groupByKind(entries: readonly Entry[]): KindGroup[] {
  const groups = new Map<EntryKind, Entry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.kind);
    if (group) group.push(entry);
    else groups.set(entry.kind, [entry]);
  }
  return SHARED_KIND_ORDER.filter((kind) => groups.has(kind)).map((kind) => ({
    kind,
    entries: byDateDesc(groups.get(kind)!),
  }));
}

/** Where a shared document's file stands on this page. */
export type FileArrival =
  /** The entry has no file. */
  | { state: 'none' }
  /** Announced by nobody yet: the patient's device has not started sending it. */
  | { state: 'waiting' }
  /** Bytes are arriving; `fraction` in [0, 1), never 1 before the last byte. */
  | { state: 'receiving'; fraction: number }
  | { state: 'complete'; file: FileView }
  | { state: 'failed' };

/** Done over total in [0, 1], rounded down to whole percents so 100 % means complete. */
export function fractionOf(done: number, total: number): number {
  if (total <= 0) return done > 0 ? 1 : 0;
  return Math.min(1, Math.floor((done / total) * 100) / 100);
}

export function fileArrival(fileId: unknown, files: readonly FileView[]): FileArrival {
  if (typeof fileId !== 'string' || fileId === '') return { state: 'none' };
  const file = files.find((candidate) => candidate.fileId === fileId);
  if (!file) return { state: 'waiting' };
  if (file.failed) return { state: 'failed' };
  if (file.complete) return { state: 'complete', file };
  return { state: 'receiving', fraction: Math.min(0.99, fractionOf(file.received, file.size)) };
}

/** Which in-page viewer shows a file of this type; null: none (download it, if allowed). */
export function viewerFor(mime: string): 'pdf' | 'image' | null {
  const type = mime.toLowerCase().split(';')[0]!.trim();
  if (type === 'application/pdf') return 'pdf';
  // Types every current browser draws in an <img>; HEIC and TIFF are not among them.
  if (['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'].includes(type)) {
    return 'image';
  }
  return null;
}

/** The 6-digit code in two groups of three, easier to read aloud: "123 456". */
export function groupedCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

export type IdentityLine = { field: keyof Identity; value: string };

/** The shared identity fields, in the profile page's order; anything else in `profile` is left. */
export function identityLines(profile: Record<string, unknown>): IdentityLine[] {
  return IDENTITY_FIELD_NAMES.flatMap((field) => {
    const value = profile[field];
    return typeof value === 'string' && value.trim() !== '' ? [{ field, value }] : [];
  });
}
