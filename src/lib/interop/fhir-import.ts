/**
 * FHIR R4 import (DESIGN §6): document, collection, transaction, batch and searchset Bundles (IPS,
 * Synthea, Apple Health clinical records), or one resource alone. `previewFhirImport` is pure: it
 * reads the text and says what would be added — each entry already validated by the record's own
 * schema — and what cannot be, with why. `applyFhirImport` then writes it into a record in one
 * transaction, skipping what an earlier import of the same file already added.
 */
import * as Y from 'yjs';
import {
  ENTRY_KINDS,
  InvalidEntryError,
  createEntry,
  entriesMap,
  isEntryKind,
  readIdentity,
  updateIdentity,
  type EntryFields,
  type EntryIssue,
  type EntryKind,
  type Identity,
} from '../record';
import { FILE_FIELDS, validateFields } from '../record/schemas';
import { FhirBundle, bundleItems, importKeyOf, type BundleItem } from './_fhir-bundle';
import {
  LOINC,
  asObject,
  asObjects,
  asText,
  canonicalJson,
  codeOf,
  fhirDay,
  type FhirObject,
} from './_fhir-json';
import {
  type AttachmentFile,
  type MapContext,
  type Mapped,
  type MappedEntry,
  type UnmappedReason,
} from './_fhir-mapped';
import { SYSTOLIC, mapObservation, observedAt, quantityIn } from './_fhir-observation';
import {
  mapAllergy,
  mapAppointment,
  mapBinary,
  mapCondition,
  mapConsent,
  mapDocumentReference,
  mapEncounter,
  mapFamilyHistory,
  mapImmunization,
  mapMedicationRequest,
  mapMedicationStatement,
  mapPatient,
  mapPractitioner,
  mapProcedure,
  mapRelatedPerson,
} from './_fhir-resources';
import { CARNET_ENTRY_EXTENSION, CARNET_ENTRY_ID_SYSTEM } from './_carnet-fhir';
import { importKeysMap, importedMap } from './import-keys';

export { UNMAPPED_REASONS, type UnmappedReason, type AttachmentFile } from './_fhir-mapped';

/** 50 MB of text: far more than a summary or a whole Synthea history, well within a phone's memory. */
export const MAX_FHIR_IMPORT_CHARS = 50 * 1024 * 1024;

/**
 * The text is not FHIR R4 JSON the record can take.
 * - `not-json`: not JSON at all
 * - `not-fhir`: JSON, but not a FHIR resource (no resourceType)
 * - `unsupported-bundle-type`: a Bundle of another type (message, history…)
 * - `unsupported-resource`: a single resource of a type the record does not hold
 */
export class NotFhirError extends Error {
  override readonly name = 'NotFhirError';
  constructor(
    readonly code: 'not-json' | 'not-fhir' | 'unsupported-bundle-type' | 'unsupported-resource',
  ) {
    super(`not a FHIR import: ${code}`);
  }
}

/** The file is larger than an import may be ({@link MAX_FHIR_IMPORT_CHARS}). */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
  readonly code = 'too-large';
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`import too large: ${size} > ${limit}`);
  }
}

/** An entry the import would add, its fields valid for its kind. */
export type ProposedEntry<K extends EntryKind = EntryKind> = {
  /** Names the source resource the same way on every import of the same file. */
  importKey: string;
  kind: K;
  fields: EntryFields<K>;
  resourceType: string;
  resourceId?: string;
  /** The attachment's bytes (document entries): stored in the vault when the import is saved. */
  file?: AttachmentFile;
  /** Another entry of the import this one points to, by its import key (a directive's document). */
  link?: { field: 'documentId'; importKey: string };
  /** Fields the source had but the record refused (a partial date, a malformed phone…). */
  dropped: string[];
  /** Set when the entry leaves something behind (an external attachment): the resource is kept too. */
  json?: string;
  /** The entry this resource came from, when the file is Carnet's own export. */
  carnetId?: string;
};

/** A resource no entry is made from: kept as it came (its JSON), with why. */
export type UnmappedResource = {
  importKey: string;
  resourceType: string;
  resourceId?: string;
  reason: UnmappedReason;
  /** What it was about (an Observation's name, an Encounter's class…), when known. */
  detail?: string;
  /** For reason "invalid": what the record's schema refused. */
  issues?: readonly EntryIssue[];
  json: string;
};

/** Something imported with a loss the patient should know of. */
export type FhirImportWarning = {
  code: 'external-attachment';
  resourceType: string;
  resourceId?: string;
  /** The URL that was not fetched. */
  detail: string;
};

/**
 * What importing a FHIR file would do. Stable: other tools build on it.
 * - `counts`: entries per kind (`entries` grouped)
 * - `identity`: the Patient's (or blood group's) identity fields, valid; saving fills only the
 *   record's blank ones
 * - `unmapped`: every resource no entry is made from, with a reason; saving keeps them as they came
 */
export type FhirImportPreview = {
  format: 'fhir-r4';
  /** The bundle's identifier (or id), which names the import when no file name is given. */
  sourceName: string | null;
  /** document, collection, transaction, batch, searchset; null for a resource given alone. */
  bundleType: string | null;
  resourceCount: number;
  counts: Record<EntryKind, number>;
  entries: ProposedEntry[];
  identity: Identity | null;
  unmapped: UnmappedResource[];
  warnings: FhirImportWarning[];
};

const BUNDLE_TYPES = new Set(['document', 'collection', 'transaction', 'batch', 'searchset']);

type Mapper = (resource: FhirObject, context: MapContext) => Mapped | Mapped[];
const MAPPERS: Record<string, Mapper> = {
  AllergyIntolerance: mapAllergy,
  Condition: mapCondition,
  MedicationStatement: mapMedicationStatement,
  MedicationRequest: mapMedicationRequest,
  Immunization: mapImmunization,
  Procedure: mapProcedure,
  Encounter: mapEncounter,
  Consent: mapConsent,
  FamilyMemberHistory: mapFamilyHistory,
  DocumentReference: mapDocumentReference,
  Appointment: mapAppointment,
  RelatedPerson: mapRelatedPerson,
  Practitioner: mapPractitioner,
};
/** Resources that may be imported alone (an Apple Health export is a folder of them). */
const SINGLE_TYPES = new Set([...Object.keys(MAPPERS), 'Patient', 'Observation', 'Binary']);

function parse(text: string): FhirObject {
  if (typeof text !== 'string') throw new NotFhirError('not-json');
  if (text.length > MAX_FHIR_IMPORT_CHARS) {
    throw new TooLargeError(text.length, MAX_FHIR_IMPORT_CHARS);
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    throw new NotFhirError('not-json');
  }
  const object = asObject(root);
  const type = asText(object?.resourceType);
  if (!object || !type) throw new NotFhirError('not-fhir');
  if (type === 'Bundle') {
    if (!BUNDLE_TYPES.has(String(object.type))) throw new NotFhirError('unsupported-bundle-type');
  } else if (!SINGLE_TYPES.has(type)) {
    throw new NotFhirError('unsupported-resource');
  }
  return object;
}

/** Validates mapped fields; a field the record refuses is dropped unless the kind needs it. */
function validated(
  kind: EntryKind,
  fields: Record<string, unknown>,
): { fields: Record<string, unknown>; dropped: string[] } | { issues: readonly EntryIssue[] } {
  let current = { ...fields };
  const dropped: string[] = [];
  let first: readonly EntryIssue[] | undefined;
  for (;;) {
    try {
      return { fields: validateFields(kind, current), dropped };
    } catch (error) {
      if (!(error instanceof InvalidEntryError)) throw error;
      first ??= error.issues;
      const droppable = error.issues.filter(
        (issue) => issue.code !== 'required' && issue.field !== '' && issue.field in current,
      );
      // What the source said wrong, not what dropping it led to.
      if (droppable.length < error.issues.length || droppable.length === 0)
        return { issues: first };
      const refused = new Set(droppable.map(({ field }) => field));
      dropped.push(...refused);
      current = Object.fromEntries(Object.entries(current).filter(([f]) => !refused.has(f)));
    }
  }
}

/** The fields of a Carnet export's entry extension, when the resource carries one. */
function carnetFields(resource: FhirObject): { kind: EntryKind; fields: FhirObject } | undefined {
  const extension = asObjects(resource.extension).find((e) => e.url === CARNET_ENTRY_EXTENSION);
  const text = asText(extension?.valueString);
  if (!text) return undefined;
  try {
    const parsed = asObject(JSON.parse(text));
    const fields = asObject(parsed?.fields);
    if (!parsed || !fields || !isEntryKind(parsed.kind)) return undefined;
    // The file's fields and a directive's document id name things of the exporting record; the
    // import makes its own.
    const theirs: readonly string[] =
      parsed.kind === 'document' ? FILE_FIELDS : parsed.kind === 'directive' ? ['documentId'] : [];
    const kept = Object.fromEntries(
      Object.entries(fields).filter(([field]) => !theirs.includes(field)),
    );
    return { kind: parsed.kind, fields: kept };
  } catch {
    return undefined;
  }
}

function carnetIdOf(resource: FhirObject): string | undefined {
  const identifier = asObjects(resource.identifier).find(
    (i) => i.system === CARNET_ENTRY_ID_SYSTEM,
  );
  return asText(identifier?.value);
}

const PLACEHOLDER_ID = 'A'.repeat(22);

class Preview {
  readonly entries: ProposedEntry[] = [];
  readonly unmapped: UnmappedResource[] = [];
  readonly warnings: FhirImportWarning[] = [];
  identity: Record<string, unknown> | null = null;
  readonly #source: string;
  readonly #bundle: FhirBundle;

  constructor(bundle: FhirBundle, source: string) {
    this.#bundle = bundle;
    this.#source = source;
  }

  keyOf(item: BundleItem, part = ''): string {
    return importKeyOf(item, this.#source, part);
  }

  add(item: BundleItem, mapped: Mapped, part = ''): void {
    const { resource } = item;
    const resourceType = String(resource.resourceType);
    const resourceId = asText(resource.id);
    const about = resourceId === undefined ? { resourceType } : { resourceType, resourceId };
    // Carnet's own export says exactly which entry a resource was: that wins over the mapping.
    const carnet = mapped.type === 'identity' ? undefined : carnetFields(resource);
    if (carnet && mapped.type === 'unmapped' && mapped.reason !== 'invalid-attachment') {
      mapped = { type: 'entry', kind: carnet.kind, fields: carnet.fields };
    }
    if (mapped.type === 'unmapped') {
      this.keep(item, mapped.reason, mapped.detail);
      return;
    }
    if (mapped.type === 'identity') {
      this.identity = { ...this.identity, ...withoutUndefined(mapped.fields) };
      return;
    }
    const kind = carnet?.kind ?? mapped.kind;
    const fields = { ...(carnet?.fields ?? mapped.fields) };
    const importKey = this.keyOf(item, mapped.part ?? part);
    const link = this.#linkKey(mapped);
    if (link) fields[link.field] = PLACEHOLDER_ID;
    const result = validated(kind, fields);
    if ('issues' in result) {
      this.keep(item, 'invalid', undefined, result.issues, importKey);
      return;
    }
    const own = Object.entries(result.fields).filter(([field]) => field !== link?.field);
    const proposed: ProposedEntry = {
      importKey,
      kind,
      fields: Object.fromEntries(own) as EntryFields<EntryKind>,
      ...about,
      dropped: result.dropped,
    };
    if (mapped.file) proposed.file = mapped.file;
    if (link) proposed.link = link;
    const carnetId = carnetIdOf(resource);
    if (carnetId) proposed.carnetId = carnetId;
    if (mapped.externalUrl) {
      proposed.json = JSON.stringify(resource);
      this.warnings.push({ code: 'external-attachment', ...about, detail: mapped.externalUrl });
    }
    this.entries.push(proposed);
  }

  #linkKey(mapped: MappedEntry) {
    const target = mapped.link && this.#bundle.item(mapped.link.reference);
    return target && mapped.link
      ? { field: mapped.link.field, importKey: this.keyOf(target) }
      : undefined;
  }

  keep(
    item: BundleItem,
    reason: UnmappedReason,
    detail?: string,
    issues?: readonly EntryIssue[],
    importKey = this.keyOf(item),
  ): void {
    const resourceId = asText(item.resource.id);
    const kept: UnmappedResource = {
      importKey,
      resourceType: String(item.resource.resourceType),
      reason,
      json: JSON.stringify(item.resource),
    };
    if (resourceId !== undefined) kept.resourceId = resourceId;
    if (detail !== undefined) kept.detail = detail;
    if (issues !== undefined) kept.issues = issues;
    this.unmapped.push(kept);
  }
}

function withoutUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** Identity fields the record accepts: each refused one is left out. */
function validIdentity(fields: Record<string, unknown>): Identity | null {
  let candidate = { ...fields };
  for (let attempt = 0; attempt < 8; attempt++) {
    if (Object.keys(candidate).length === 0) return null;
    const scratch = new Y.Doc();
    try {
      updateIdentity(scratch, candidate);
      return readIdentity(scratch);
    } catch (error) {
      if (!(error instanceof InvalidEntryError)) throw error;
      const refused = new Set(error.issues.map(({ field }) => field));
      candidate = Object.fromEntries(Object.entries(candidate).filter(([f]) => !refused.has(f)));
      if (error.issues.every(({ field }) => !field)) return null;
    } finally {
      scratch.destroy();
    }
  }
  return null;
}

type PressureHalf = { item: BundleItem; value: number };

/**
 * Systolic and diastolic values written as two Observations (as some summaries do) make one blood
 * pressure measurement when they were taken at the same time.
 */
function pairPressures(preview: Preview, halves: BundleItem[]): void {
  const byTime = new Map<
    string,
    { date: string; systolic?: PressureHalf; diastolic?: PressureHalf }
  >();
  const lone: BundleItem[] = [];
  for (const item of halves) {
    const date = observedAt(item.resource);
    const quantity = quantityIn(item.resource.valueQuantity, 'blood-pressure');
    if (!date || !quantity) {
      lone.push(item);
      continue;
    }
    const half = codeOf(item.resource.code, LOINC) === SYSTOLIC ? 'systolic' : 'diastolic';
    // Halves pair when their effective[x] is written the same way, not just at the same instant.
    const { effectiveDateTime, effectivePeriod, effectiveInstant } = item.resource;
    const when = canonicalJson([effectiveDateTime, effectivePeriod, effectiveInstant, date]);
    const pair = byTime.get(when) ?? { date };
    if (pair[half]) lone.push(item);
    else pair[half] = { item, value: quantity.value };
    byTime.set(when, pair);
  }
  for (const { date, systolic, diastolic } of byTime.values()) {
    if (!systolic || !diastolic) {
      lone.push((systolic ?? diastolic)!.item);
      continue;
    }
    const fields = {
      type: 'blood-pressure',
      date,
      unit: 'mm[Hg]',
      systolic: systolic.value,
      diastolic: diastolic.value,
    };
    // Named after both halves, so the same two always make the same entry.
    const part = `pressure:${preview.keyOf(diastolic.item)}`;
    preview.add(systolic.item, { type: 'entry', kind: 'measurement', fields, part });
  }
  for (const item of lone) preview.keep(item, 'lone-blood-pressure');
}

/**
 * What importing `text` (FHIR R4 JSON) would add. Pure: reads nothing but the text.
 * Throws NotFhirError or TooLargeError.
 */
export function previewFhirImport(text: string): FhirImportPreview {
  const root = parse(text);
  const isBundle = root.resourceType === 'Bundle';
  const identifier = asObject(root.identifier);
  const sourceName =
    (isBundle ? (asText(identifier?.value) ?? asText(root.id)) : undefined) ?? null;
  const items = bundleItems(root);
  const bundle = new FhirBundle(items);
  const source = sourceName ?? asText(asObject(root.meta)?.source) ?? '';
  const preview = new Preview(bundle, source);
  const day = fhirDay(root.timestamp);

  let patientSeen = false;
  const pressureHalves: BundleItem[] = [];
  const later: BundleItem[] = [];
  for (const item of items) {
    const { resource } = item;
    const type = String(resource.resourceType);
    const context = { bundle, item };
    if (type === 'Medication' || type === 'Binary') {
      later.push(item);
    } else if (type === 'Patient') {
      if (patientSeen) preview.keep(item, 'other-patient');
      else for (const mapped of mapPatient(resource)) preview.add(item, mapped);
      patientSeen = true;
    } else if (type === 'Observation') {
      const mapped = mapObservation(resource);
      if (mapped === 'component') pressureHalves.push(item);
      else preview.add(item, mapped);
    } else if (type === 'Composition') {
      preview.keep(item, 'summary-structure');
    } else if (Object.hasOwn(MAPPERS, type)) {
      const mapped = MAPPERS[type]!(resource, context);
      for (const one of Array.isArray(mapped) ? mapped : [mapped]) preview.add(item, one);
    } else {
      preview.keep(item, 'unsupported-resource');
    }
  }
  pairPressures(preview, pressureHalves);
  // Medications and Binaries count as imported when a statement or document used them.
  for (const item of later) {
    if (bundle.consumed.has(item)) continue;
    if (item.resource.resourceType === 'Medication') preview.keep(item, 'not-referenced');
    else preview.add(item, mapBinary(item.resource, day));
  }

  const counts = Object.fromEntries(ENTRY_KINDS.map((kind) => [kind, 0])) as Record<
    EntryKind,
    number
  >;
  for (const proposed of preview.entries) counts[proposed.kind]++;
  // Documents first: a directive may point to one of them.
  const entries = [...preview.entries].sort(
    (a, b) => Number(b.kind === 'document') - Number(a.kind === 'document'),
  );
  return {
    format: 'fhir-r4',
    sourceName,
    bundleType: isBundle ? String(root.type) : null,
    resourceCount: items.length,
    counts,
    entries,
    identity: preview.identity ? validIdentity(preview.identity) : null,
    unmapped: preview.unmapped,
    warnings: preview.warnings,
  };
}

// ── Saving ──────────────────────────────────────────────────────────────────────────────────────

/** A stored attachment's fields, as a document entry holds them (lib/vault writeFile). */
export type StoredFileFields = {
  fileId: string;
  name: string;
  mime: string;
  size: number;
  contentHash: string;
};

export type ApplyImportOptions = {
  /** Stores an attachment (the UI passes the vault's writeFile). */
  storeFile: (bytes: Uint8Array, name: string, mime: string) => Promise<StoredFileFields>;
  /** Erases a stored attachment when saving fails after it was stored. */
  discardFile?: (fileId: string) => Promise<void>;
  /** Names the import in each entry's source (`import:<name>`): the file's name. */
  sourceName?: string;
  now?: number;
};

/** What saving did. */
export type FhirImportReport = {
  added: Record<EntryKind, number>;
  addedCount: number;
  /** Entries an earlier import (or the record itself, for Carnet's own export) already holds. */
  alreadyThere: number;
  /** Resources kept as they came, newly. */
  kept: number;
  /** Identity fields that were blank and are now filled. */
  identityFilled: (keyof Identity)[];
  /** Identity fields where the file says something else than the record (the record is kept). */
  identityDiffers: (keyof Identity)[];
};

type KeptResource = { importKey: string; resourceType: string; json: string };

/** What of a preview the record does not hold yet. */
export function pendingImport(
  doc: Y.Doc,
  preview: FhirImportPreview,
): { entries: ProposedEntry[]; kept: KeptResource[]; alreadyThere: number } {
  const keys = importKeysMap(doc);
  const entries = entriesMap(doc);
  const kept = importedMap(doc);
  const fresh = preview.entries.filter((proposed) => {
    const earlier = keys.get(proposed.importKey);
    if (earlier !== undefined && entries.has(earlier)) return false;
    return !(proposed.carnetId && entries.has(proposed.carnetId));
  });
  const keptNew: KeptResource[] = [
    ...preview.unmapped,
    ...preview.entries.flatMap((p) =>
      p.json ? [{ importKey: p.importKey, resourceType: p.resourceType, json: p.json }] : [],
    ),
  ].filter((resource) => !kept.has(resource.importKey));
  return { entries: fresh, kept: keptNew, alreadyThere: preview.entries.length - fresh.length };
}

/** Identity fields where the file and the record disagree (both filled, different). */
export function identityDifferences(doc: Y.Doc, preview: FhirImportPreview): (keyof Identity)[] {
  const current = readIdentity(doc);
  const proposed = preview.identity ?? {};
  return (Object.keys(proposed) as (keyof Identity)[]).filter(
    (field) => current[field] !== undefined && current[field] !== proposed[field],
  );
}

function emptyCounts(): Record<EntryKind, number> {
  return Object.fromEntries(ENTRY_KINDS.map((kind) => [kind, 0])) as Record<EntryKind, number>;
}

/**
 * Saves what `preview` proposes into `doc`: attachments first (through `storeFile`), then every
 * entry, kept resource and blank identity field in one transaction — nothing is half-imported. A
 * second import of the same file adds nothing. Throws what storing or validation throws, after
 * discarding the files it stored.
 */
export async function applyFhirImport(
  doc: Y.Doc,
  preview: FhirImportPreview,
  options: ApplyImportOptions,
): Promise<FhirImportReport> {
  const now = options.now ?? Date.now();
  const sourceName = (options.sourceName ?? preview.sourceName ?? 'FHIR').trim() || 'FHIR';
  const source = `import:${sourceName.slice(0, 290)}` as const;
  const pending = pendingImport(doc, preview);
  const stored: string[] = [];
  const discard = async () => {
    for (const fileId of stored) await options.discardFile?.(fileId).catch(() => undefined);
  };

  const ready: { proposed: ProposedEntry; fields: Record<string, unknown> }[] = [];
  try {
    for (const proposed of pending.entries) {
      const fields: Record<string, unknown> = { ...proposed.fields };
      if (proposed.file) {
        const { bytes, name, mime } = proposed.file;
        const file = await options.storeFile(bytes, name, mime);
        stored.push(file.fileId);
        Object.assign(fields, file);
      }
      // Checked before the transaction: a refusal inside it would leave half an import.
      const link = proposed.link ? { [proposed.link.field]: PLACEHOLDER_ID } : {};
      validateFields(proposed.kind, { ...fields, ...link });
      ready.push({ proposed, fields });
    }
  } catch (error) {
    await discard();
    throw error;
  }

  const report: FhirImportReport = {
    added: emptyCounts(),
    addedCount: 0,
    alreadyThere: pending.alreadyThere,
    kept: pending.kept.length,
    identityFilled: [],
    identityDiffers: identityDifferences(doc, preview),
  };
  const keys = importKeysMap(doc);
  doc.transact(() => {
    for (const { proposed, fields } of ready) {
      if (proposed.link) {
        const target = keys.get(proposed.link.importKey);
        if (target && entriesMap(doc).has(target)) fields[proposed.link.field] = target;
      }
      let id: string;
      try {
        id = createEntry(doc, proposed.kind, fields as never, source, now);
      } catch (error) {
        // Only a directive whose document is gone can get here; it is left out, not half-written.
        if (error instanceof InvalidEntryError) continue;
        throw error;
      }
      keys.set(proposed.importKey, id);
      report.added[proposed.kind]++;
      report.addedCount++;
    }
    const imported = importedMap(doc);
    for (const resource of pending.kept) {
      imported.set(resource.importKey, {
        resourceType: resource.resourceType,
        json: resource.json,
        importedAt: now,
        sourceName,
      });
    }
    if (preview.identity) {
      const current = readIdentity(doc);
      const blanks = Object.fromEntries(
        Object.entries(preview.identity).filter(
          ([field]) => current[field as keyof Identity] === undefined,
        ),
      );
      if (Object.keys(blanks).length > 0 && updateIdentity(doc, blanks)) {
        report.identityFilled = Object.keys(blanks) as (keyof Identity)[];
      }
    }
  });
  return report;
}
