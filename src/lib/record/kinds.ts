/**
 * The kinds of entry and the fields every entry has (DESIGN §2). Kinds follow FHIR so that
 * export and import are a mapping, not a translation.
 */

export const ENTRY_KINDS = [
  'document',
  'medication',
  'condition',
  'procedure',
  'hospitalisation',
  'allergy',
  'immunization',
  'measurement',
  'lifestyle',
  'family-history',
  'appointment',
  'contact',
  'directive',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export type EntrySource = 'patient' | `professional:${string}` | `import:${string}`;

/** What a field of an entry's Y.Map holds. Lists (tags) are replaced whole, never merged. */
export type FieldValue = string | number | boolean | null | string[];

/** The fields the record sets on every entry. `deletedAt` (ms) is set while it is in the bin. */
export type EntryCommon = {
  id: string;
  kind: EntryKind;
  createdAt: number;
  updatedAt: number;
  source: EntrySource;
  deletedAt?: number;
};

/** Any entry, read as it is stored: the common fields and whatever else it holds. */
export type Entry = {
  id: string;
  kind: EntryKind;
  createdAt: number;
  updatedAt: number;
  source: EntrySource;
  [field: string]: FieldValue;
};

/** Fields the record sets itself; a caller passing one is refused. */
export const RESERVED_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'kind',
  'createdAt',
  'updatedAt',
  'source',
  'deletedAt',
]);

const KINDS = new Set<string>(ENTRY_KINDS);

export function isEntryKind(value: unknown): value is EntryKind {
  return typeof value === 'string' && KINDS.has(value);
}

/** "patient", or "professional:"/"import:" followed by a name (at most 300 characters in all). */
export function isEntrySource(value: unknown): value is EntrySource {
  if (typeof value !== 'string' || value.length > 300) return false;
  if (value === 'patient') return true;
  const match = /^(?:professional|import):(.*)$/s.exec(value);
  return match !== null && match[1]!.trim() !== '';
}
