/**
 * The import and export screen's steps over the open record: lib/interop does the work, the vault
 * stores and reads the attachments. Files are read by type: JSON → FHIR, XML → CDA.
 */
import type * as Y from 'yjs';
import {
  CdaTooLargeError,
  NotCdaError,
  applyCdaImport,
  comparePatient,
  previewCdaImport,
  type CdaImportPreview,
} from '../../lib/interop/cda-import';
import { exportCollectionBundle, exportIpsBundle } from '../../lib/interop/fhir-export';
import {
  MAX_FHIR_IMPORT_CHARS,
  NotFhirError,
  TooLargeError,
  applyFhirImport,
  identityDifferences,
  pendingImport,
  previewFhirImport,
  type FhirImportPreview,
  type FhirImportReport,
} from '../../lib/interop/fhir-import';
import { exportPlainZip } from '../../lib/interop/plain-export';
import { readIdentity, type Identity } from '../../lib/record';
import { deleteFile, readFile, writeFile, type UnlockedProfile } from '../../lib/vault';
import { errorMessageKey } from '../errors';
import { formatBytes } from '../format';
import type { MessageKey } from '../i18n/messages';
import type { Locale } from '../i18n/locale';
import { session } from '../state/session.svelte';

export type FilePreview =
  | { format: 'fhir'; name: string; preview: FhirImportPreview }
  | { format: 'cda'; name: string; preview: CdaImportPreview; text: string };

export type ImportOutcome = {
  added: number;
  kept: number;
  identityFilled: (keyof Identity)[];
};

/** A look at the open record (reactive where it is read inside `$derived`). */
const readRecord = <T>(query: (doc: Y.Doc) => T): T => session.read(query);

/** Reads a chosen file and previews it. Throws the import errors (see importErrorMessage). */
export async function previewFile(file: File): Promise<FilePreview> {
  // Checked before reading: a huge file is refused without filling memory.
  if (file.size > MAX_FHIR_IMPORT_CHARS * 4)
    throw new TooLargeError(file.size, MAX_FHIR_IMPORT_CHARS);
  const text = await file.text();
  const start = text.trimStart().slice(0, 1);
  const looksXml = start === '<' || /\.xml$/i.test(file.name) || file.type.includes('xml');
  if (looksXml) return { format: 'cda', name: file.name, preview: previewCdaImport(text), text };
  return { format: 'fhir', name: file.name, preview: previewFhirImport(text) };
}

/** What of a FHIR preview is new to the record, and where the identities differ. */
export function fhirNovelty(preview: FhirImportPreview) {
  return readRecord((doc) => novelty(doc, preview));
}

function novelty(doc: Y.Doc, preview: FhirImportPreview) {
  const pending = pendingImport(doc, preview);
  return {
    entries: pending.entries,
    kept: pending.kept.length,
    alreadyThere: pending.alreadyThere,
    differs: identityDifferences(doc, preview),
    blanks: (Object.keys(preview.identity ?? {}) as (keyof Identity)[]).filter(
      (field) => readIdentity(doc)[field] === undefined,
    ),
  };
}

export function cdaPatientCheck(preview: CdaImportPreview) {
  return comparePatient(preview.patient, session.identity);
}

/** Saves a previewed file into the open record. Nothing is half-imported on failure. */
export function importPreviewed(chosen: FilePreview): Promise<ImportOutcome> {
  return session.withRecord((doc, profile) => importInto(doc, profile, chosen));
}

async function importInto(
  doc: Y.Doc,
  profile: UnlockedProfile,
  chosen: FilePreview,
): Promise<ImportOutcome> {
  const discardFile = (fileId: string) => deleteFile(profile, fileId);
  let outcome: ImportOutcome;
  if (chosen.format === 'fhir') {
    const report: FhirImportReport = await applyFhirImport(doc, chosen.preview, {
      storeFile: async (bytes, name, mime) => {
        const stored = await writeFile(profile, new Blob([bytes as BlobPart], { type: mime }));
        return { ...stored, name, mime };
      },
      discardFile,
      sourceName: chosen.name,
    });
    outcome = {
      added: report.addedCount,
      kept: report.kept,
      identityFilled: report.identityFilled,
    };
  } else {
    const result = await applyCdaImport(doc, chosen.preview, {
      storeFile: (bytes, mime) => writeFile(profile, new Blob([bytes as BlobPart], { type: mime })),
      deleteFile: discardFile,
      originalXml: chosen.text,
      fileName: chosen.name,
    });
    const added =
      result.status === 'imported' ? Object.values(result.added).reduce((a, b) => a + b, 0) : 0;
    outcome = { added, kept: 0, identityFilled: [] };
  }
  return outcome;
}

/** A message for an import that failed, with its parameters. */
export function importErrorMessage(
  error: unknown,
  locale: Locale,
): { key: MessageKey; params?: Record<string, string> } {
  if (error instanceof NotFhirError) return { key: `interop.error.${error.code}` };
  if (error instanceof TooLargeError) {
    return { key: 'interop.error.too-large', params: { size: formatBytes(error.limit, locale) } };
  }
  if (error instanceof CdaTooLargeError) {
    return { key: 'cda.error.tooLarge', params: { size: formatBytes(error.limit, locale) } };
  }
  if (error instanceof NotCdaError) {
    return { key: error.reason === 'malformed-xml' ? 'cda.error.malformed' : 'cda.error.notCda' };
  }
  return { key: errorMessageKey(error) };
}

// ── Export ───────────────────────────────────────────────────────────────────────────────────────

async function fileBytes(fileId: string, mime: string): Promise<Uint8Array> {
  return new Uint8Array(await (await session.readFile(fileId, mime)).arrayBuffer());
}

const day = () => new Date().toISOString().slice(0, 10);
const json = (value: unknown) =>
  new Blob([JSON.stringify(value, null, 1)], { type: 'application/fhir+json' });

export function ipsFile(): { blob: Blob; name: string } {
  const bundle = readRecord((doc) => exportIpsBundle(doc, Date.now()));
  return { blob: json(bundle), name: `carnet-ips-${day()}.json` };
}

export async function collectionFile(): Promise<{ blob: Blob; name: string }> {
  const bundle = await session.withRecord((doc) =>
    exportCollectionBundle(doc, { readFile: fileBytes }),
  );
  return { blob: json(bundle), name: `carnet-fhir-${day()}.json` };
}

export async function plainZipFile(): Promise<{ blob: Blob; name: string }> {
  // Each attachment is read as a stream and each zip chunk kept apart: the Blob is made of them.
  const chunks = await session.withRecord((doc, profile) =>
    exportPlainZip(doc, (fileId) => Promise.resolve(readFile(profile, fileId))),
  );
  return {
    blob: new Blob(chunks as BlobPart[], { type: 'application/zip' }),
    name: `carnet-${day()}.zip`,
  };
}
