/**
 * Importing a CDA R2 document (HL7 CDA R2, as France's CI-SIS profiles it: the documents Mon
 * espace santé holds). `previewCdaImport` reads the text and says what the record would gain,
 * without touching it; `applyCdaImport` stores the file and adds the entries in one transaction.
 *
 * A document becomes one document entry (title, date, author, LOINC type, confidentiality),
 * whose file is the PDF of a nonXMLBody, or else the original XML, so the narrative is rendered
 * from it (cda-narrative.ts) and nothing the document says is lost. Vital signs and vaccinations
 * it carries as structured entries are added too (cda-entries.ts).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import * as Y from 'yjs';
import type { Element } from '@xmldom/xmldom';
import {
  DOCUMENT_TYPES,
  InvalidEntryError,
  createEntry,
  documentTypeOfLoinc,
  getEntry,
  type EntryFields,
  type EntryKind,
  type EntrySource,
} from '../record';
import { validateFields } from '../record/schemas';
import { attr, child, parseClinicalDocument, textOf } from './cda-dom';
import {
  LOINC,
  clip,
  personName,
  readStructuredEntries,
  readTime,
  type CdaUnmapped,
  type ProposedImmunization,
  type ProposedMeasurement,
} from './cda-entries';
import { CdaTooLargeError, NotCdaError } from './cda-errors';
import { readNarrative, type NarrativeNode, type NarrativeSection } from './cda-narrative';
import { readPatient, type CdaPatient } from './cda-patient';

import { importKeysMap } from './import-keys';
export { CdaTooLargeError, NotCdaError, type NotCdaReason } from './cda-errors';
export {
  comparePatient,
  type CdaPatient,
  type PatientComparison,
  type PatientField,
} from './cda-patient';
export type {
  CdaUnmapped,
  CdaUnmappedReason,
  ProposedImmunization,
  ProposedMeasurement,
} from './cda-entries';
export {
  countNarrative,
  narrativeText,
  type NarrativeCell,
  type NarrativeCounts,
  type NarrativeNode,
  type NarrativeOmission,
  type NarrativeRow,
  type NarrativeSection,
  type NarrativeStyle,
} from './cda-narrative';

/**
 * The longest text previewed, in characters: 32 Mi, room for a report with an embedded PDF of
 * about 24 MiB (base64 takes 4 characters for 3 bytes).
 */
export const MAX_CDA_CHARS = 32 * 1024 * 1024;

/** The prefix of CDA keys in the record's `importKeys` map (FHIR imports use their own). */
export const CDA_KEY_PREFIX = 'cda:';

/** The document entry, its fields validated; the file fields are added when it is applied. */
export type ProposedDocument = {
  kind: 'document';
  fields: EntryFields<'document'>;
  /** The document's `code` as given (LOINC for CI-SIS documents) and its display name. */
  code: string | null;
  codeSystem: string | null;
  codeLabel: string | null;
  /** False when the code is not one of Carnet's document types: `fields.type` is then "other". */
  typeMapped: boolean;
  /** HL7 v3 Confidentiality: N normal, R restricted, V very restricted (R and V → confidential). */
  confidentiality: string | null;
};

export type ProposedEntry = ProposedDocument | ProposedMeasurement | ProposedImmunization;

/** The file the document entry will hold. */
export type CdaFile =
  /** The PDF of a nonXMLBody, decoded and checked to start with "%PDF". */
  | { kind: 'pdf'; mime: 'application/pdf'; bytes: Uint8Array }
  /** The CDA XML itself, as imported: the viewer renders its narrative. */
  | { kind: 'original'; mime: 'text/xml' };

/**
 * What importing a CDA document would add. Pure data: showing it changes nothing.
 * `entries` holds the document first, then measurements and immunizations, every one valid for
 * lib/record; `counts` counts them by kind; `unmapped` lists what the document holds that does
 * not become an entry, each with its reason.
 */
export type CdaImportPreview = {
  format: 'cda';
  /** The key in the record's `importKeys` map: "cda:" and a hash of the document's ids. */
  importKey: string;
  document: ProposedDocument;
  /** The patient the document is about: check it with comparePatient before applying. */
  patient: CdaPatient;
  /** The narrative, by section (empty for a nonXMLBody). */
  narrative: NarrativeSection[];
  file: CdaFile;
  entries: ProposedEntry[];
  counts: Partial<Record<EntryKind, number>>;
  unmapped: CdaUnmapped[];
};

const CONFIDENTIAL = new Set(['R', 'V']);

function hashKey(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 32);
}

/** Names the document the same way each time: its id, and its set and version when given. */
function importKeyOf(root: Element, text: string): string {
  const id = child(root, 'id');
  const setId = child(root, 'setId');
  const parts = [
    attr(id, 'root'),
    attr(id, 'extension'),
    attr(setId, 'root'),
    attr(setId, 'extension'),
    attr(child(root, 'versionNumber'), 'value'),
  ];
  // A document without an id (CDA requires one) is named by its content.
  const basis = parts[0] ? JSON.stringify(parts) : `text|${text}`;
  return `${CDA_KEY_PREFIX}${hashKey(basis)}`;
}

function readAuthor(root: Element): string | null {
  const author = child(root, 'author/assignedAuthor');
  const person = personName(child(author, 'assignedPerson/name'));
  const organization =
    textOf(child(author, 'representedOrganization/name')) ??
    textOf(child(author, 'assignedAuthoringDevice/softwareName'));
  if (person && organization) return `${person}, ${organization}`;
  return person ?? organization;
}

function readDocument(root: Element): ProposedDocument {
  const code = child(root, 'code');
  const codeValue = attr(code, 'code');
  const codeSystem = attr(code, 'codeSystem');
  const mappedType = codeValue && codeSystem === LOINC ? documentTypeOfLoinc(codeValue) : null;
  const type = mappedType ?? 'other';
  const confidentiality = attr(child(root, 'confidentialityCode'), 'code');
  const input = {
    title: clip(
      textOf(child(root, 'title')) ?? attr(code, 'displayName') ?? DOCUMENT_TYPES[type].display,
      200,
    ),
    type,
    date: readTime(attr(child(root, 'effectiveTime'), 'value'))?.date,
    author: clip(readAuthor(root), 200),
    confidential: confidentiality && CONFIDENTIAL.has(confidentiality) ? true : undefined,
  };
  let fields: EntryFields<'document'>;
  try {
    fields = validateFields('document', input);
  } catch (error) {
    // CDA requires a date; a document without one is not one Carnet can file.
    if (error instanceof InvalidEntryError) throw new NotCdaError('invalid-header');
    throw error;
  }
  return {
    kind: 'document',
    fields,
    code: codeValue,
    codeSystem,
    codeLabel: attr(code, 'displayName'),
    typeMapped: mappedType !== null,
    confidentiality,
  };
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46]; // "%PDF"

/** Base64 (whitespace allowed, as CDA writers wrap it) → bytes, or null if it is not base64. */
function decodeBase64(text: string): Uint8Array | null {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return null;
  const binary = atob(compact);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The PDF of a nonXMLBody (CDA R2 §4.3.4: inline, base64 when `representation` is B64). */
function readNonXmlBody(body: Element): { file: CdaFile; unmapped: CdaUnmapped[] } {
  const text = child(body, 'text');
  const unmapped = (reason: 'external-file' | 'embedded-file-not-pdf'): CdaUnmapped => ({
    section: null,
    element: 'nonXMLBody',
    code: null,
    label: attr(text, 'mediaType'),
    reason,
  });
  if (!text) return { file: { kind: 'original', mime: 'text/xml' }, unmapped: [] };
  if (child(text, 'reference')) {
    return { file: { kind: 'original', mime: 'text/xml' }, unmapped: [unmapped('external-file')] };
  }
  const bytes =
    attr(text, 'mediaType') === 'application/pdf' && attr(text, 'representation') === 'B64'
      ? decodeBase64(text.textContent ?? '')
      : null;
  if (!bytes || !PDF_MAGIC.every((byte, i) => bytes[i] === byte)) {
    return {
      file: { kind: 'original', mime: 'text/xml' },
      unmapped: [unmapped('embedded-file-not-pdf')],
    };
  }
  return { file: { kind: 'pdf', mime: 'application/pdf', bytes }, unmapped: [] };
}

/** The narrative's omissions (multimedia, scripts…), reported like unmapped entries. */
function narrativeOmissions(sections: readonly NarrativeSection[]): CdaUnmapped[] {
  const out: CdaUnmapped[] = [];
  const visitNodes = (nodes: readonly NarrativeNode[], section: string | null) => {
    for (const node of nodes) {
      if (node.type === 'omitted') {
        out.push({
          section,
          element: node.reason === 'multimedia' ? 'renderMultiMedia' : 'text',
          code: null,
          label: null,
          reason: node.reason,
        });
      } else if ('children' in node) {
        visitNodes(node.children, section);
      } else if (node.type === 'list') {
        node.items.forEach((item) => visitNodes(item, section));
      } else if (node.type === 'table') {
        for (const row of [...node.head, ...node.body, ...node.foot]) {
          for (const cell of row) visitNodes(cell.children, section);
        }
      }
    }
  };
  const visit = (list: readonly NarrativeSection[]) => {
    for (const section of list) {
      visitNodes(section.blocks, section.title);
      visit(section.sections);
    }
  };
  visit(sections);
  return out;
}

/**
 * Reads a CDA R2 document and returns what importing it would add, without changing anything.
 * Throws CdaTooLargeError past MAX_CDA_CHARS, NotCdaError for malformed XML, another XML
 * document, a DOCTYPE, a body Carnet cannot find, or a header without a date.
 */
export function previewCdaImport(text: string): CdaImportPreview {
  if (text.length > MAX_CDA_CHARS) throw new CdaTooLargeError(text.length, MAX_CDA_CHARS);
  const root = parseClinicalDocument(text);
  const document = readDocument(root);
  const structuredBody = child(root, 'component/structuredBody');
  const nonXmlBody = child(root, 'component/nonXMLBody');
  if (!structuredBody && !nonXmlBody) throw new NotCdaError('no-body');

  let narrative: NarrativeSection[] = [];
  let file: CdaFile = { kind: 'original', mime: 'text/xml' };
  const entries: ProposedEntry[] = [document];
  const unmapped: CdaUnmapped[] = [];
  if (structuredBody) {
    narrative = readNarrative(structuredBody);
    const structured = readStructuredEntries(structuredBody, document.fields.date);
    entries.push(...structured.measurements, ...structured.immunizations);
    unmapped.push(...structured.unmapped, ...narrativeOmissions(narrative));
  } else if (nonXmlBody) {
    const body = readNonXmlBody(nonXmlBody);
    file = body.file;
    unmapped.push(...body.unmapped);
  }

  const counts: Partial<Record<EntryKind, number>> = {};
  for (const entry of entries) counts[entry.kind] = (counts[entry.kind] ?? 0) + 1;
  return {
    format: 'cda',
    importKey: importKeyOf(root, text),
    document,
    patient: readPatient(root),
    narrative,
    file,
    entries,
    counts,
    unmapped,
  };
}

/** What the vault returns once it has stored a file (lib/vault writeFile's StoredFile). */
export type StoredCdaFile = { fileId: string; size: number; contentHash: string };

export type ApplyCdaOptions = {
  /** Encrypts and stores the bytes (the UI passes lib/vault's writeFile). */
  storeFile: (bytes: Uint8Array, mime: string) => Promise<StoredCdaFile>;
  /** The XML as imported: stored as the document's file when the body holds no PDF. */
  originalXml: string;
  /** The imported file's name: the entries' source is "import:<fileName>". */
  fileName: string;
  /** Removes a stored file again if the entries cannot be written after all. */
  deleteFile?: (fileId: string) => Promise<void>;
  now?: number;
};

export type CdaImportResult =
  | { status: 'imported'; documentId: string; added: Partial<Record<EntryKind, number>> }
  /** This document was imported before and its entry is still in the record (or the bin). */
  | { status: 'already-imported'; documentId: string };

/** The stored file's name: the imported file's name, ".pdf" for an extracted PDF. */
function storedName(fileName: string, file: CdaFile): string {
  if (file.kind !== 'pdf') return clip(fileName, 255)!;
  return clip(`${fileName.replace(/\.xml$/i, '')}.pdf`, 255)!;
}

/**
 * Adds a previewed CDA document to the record: stores its file, then adds the document entry,
 * its measurements and immunizations and its import key in one transaction, so the record never
 * holds half an import. Importing the same document again adds nothing while its entry exists.
 * The preview validated every entry; the document's file fields are checked once it is stored.
 */
export async function applyCdaImport(
  doc: Y.Doc,
  preview: CdaImportPreview,
  options: ApplyCdaOptions,
): Promise<CdaImportResult> {
  const keys = importKeysMap(doc);
  const known = keys.get(preview.importKey);
  if (known && getEntry(doc, known)) return { status: 'already-imported', documentId: known };

  const source: EntrySource = `import:${clip(options.fileName.trim() || 'cda', 280)!}`;
  const bytes = preview.file.kind === 'pdf' ? preview.file.bytes : utf8ToBytes(options.originalXml);
  const stored = await options.storeFile(bytes, preview.file.mime);
  // The await let other edits in: the same document may have been imported meanwhile.
  const again = keys.get(preview.importKey);
  if (again && getEntry(doc, again)) {
    await options.deleteFile?.(stored.fileId);
    return { status: 'already-imported', documentId: again };
  }

  const documentFields = {
    ...preview.document.fields,
    fileId: stored.fileId,
    name: storedName(options.fileName, preview.file),
    mime: preview.file.mime,
    size: stored.size,
    contentHash: stored.contentHash,
  };
  try {
    validateFields('document', documentFields);
  } catch (error) {
    await options.deleteFile?.(stored.fileId);
    throw error;
  }

  // Every entry is valid now, so createEntry refuses none halfway (Yjs would not undo the
  // ones before): the transaction writes them all and the key together.
  const now = options.now ?? Date.now();
  const added: Partial<Record<EntryKind, number>> = {};
  let documentId = '';
  doc.transact(() => {
    for (const entry of preview.entries) {
      const fields = entry.kind === 'document' ? documentFields : entry.fields;
      const id = createEntry(doc, entry.kind, fields, source, now);
      if (entry.kind === 'document') documentId = id;
      added[entry.kind] = (added[entry.kind] ?? 0) + 1;
    }
    keys.set(preview.importKey, documentId);
  });
  return { status: 'imported', documentId, added };
}
