/** What mapping one FHIR resource gives, before validation (shared by the resource mappers). */
import type { EntryKind } from '../record';
import type { BundleItem, FhirBundle } from './_fhir-bundle';

/**
 * Why a resource could not become an entry. Codes, not sentences: the UI translates them.
 * - `unsupported-resource`: no kind of entry holds this resource (Claim, Organization…)
 * - `summary-structure`: a Composition, the table of contents of a summary document
 * - `not-referenced`: a Medication or Binary no mapped resource uses
 * - `other-patient`: a second Patient; the record holds one person
 * - `entered-in-error`: marked entered in error, refuted, not done or cancelled
 * - `states-absence`: says there is nothing ("no known allergies")
 * - `no-name`: nothing a person could call it by
 * - `missing-date`: the day a kind of entry needs is missing or partial ("2015")
 * - `unknown-observation`: an Observation that is none of our measures or habits
 * - `unit-not-convertible`: a measure in a unit ours cannot be converted from
 * - `lone-blood-pressure`: a systolic or diastolic value without its other half
 * - `not-a-stay`: an Encounter that was not a stay in hospital (a consultation, an emergency visit)
 * - `invalid-attachment`: attachment data that is not base64
 * - `invalid`: the mapping gives an entry the record refuses (see `issues`)
 */
export const UNMAPPED_REASONS = [
  'unsupported-resource',
  'summary-structure',
  'not-referenced',
  'other-patient',
  'entered-in-error',
  'states-absence',
  'no-name',
  'missing-date',
  'unknown-observation',
  'unit-not-convertible',
  'lone-blood-pressure',
  'not-a-stay',
  'invalid-attachment',
  'invalid',
] as const;
export type UnmappedReason = (typeof UNMAPPED_REASONS)[number];

/** An attachment's bytes, decoded from the import file, to be stored in the vault. */
export type AttachmentFile = { bytes: Uint8Array; name: string; mime: string };

export type MappedEntry = {
  type: 'entry';
  kind: EntryKind;
  fields: Record<string, unknown>;
  /** Tells apart several entries made from one resource. */
  part?: string;
  file?: AttachmentFile;
  /** A field holding another entry's id, known once that entry is saved (Consent → document). */
  link?: { field: 'documentId'; reference: string };
  /** An attachment left where it is (an external URL, never fetched): the resource is kept too. */
  externalUrl?: string;
};

export type Mapped =
  | MappedEntry
  | { type: 'identity'; fields: Record<string, unknown> }
  | { type: 'unmapped'; reason: UnmappedReason; detail?: string };

export type MapContext = { bundle: FhirBundle; item: BundleItem };

export const unmapped = (reason: UnmappedReason, detail?: string): Mapped =>
  detail === undefined ? { type: 'unmapped', reason } : { type: 'unmapped', reason, detail };

export const entry = (
  kind: EntryKind,
  fields: Record<string, unknown>,
  extra: Omit<MappedEntry, 'type' | 'kind' | 'fields'> = {},
): MappedEntry => ({ type: 'entry', kind, fields, ...extra });
