/**
 * FHIR R4 export (DESIGN §6): an International Patient Summary document Bundle (IPS IG
 * http://hl7.org/fhir/uv/ips/ — a Composition with its sections, the required ones present even
 * when empty, with an `emptyReason`), and a collection Bundle of the whole record, attachments and
 * kept resources included, that Carnet imports back into the same record.
 */
import type * as Y from 'yjs';
import { labelOf, listEntries, readIdentity, type Entry, type EntryKind } from '../record';
import { IMPORT_KEY_URN } from './_fhir-bundle';
import type { FhirObject } from './_fhir-json';
import {
  PATIENT_URL,
  bloodGroupResource,
  entryResource,
  patientResource,
  urlOfEntry,
  urlOfFile,
  uuidOf,
} from './_fhir-resources-out';
import { listImported } from './import-keys';

type BundleEntry = { fullUrl: string; resource: FhirObject };

/** An IPS section: its LOINC code, which entries it lists, and whether the IPS requires it. */
type Section = {
  code: string;
  title: string;
  required: boolean;
  holds: (entry: Entry) => boolean;
};

const isKind = (kind: EntryKind) => (entry: Entry) => entry.kind === kind;
const PAST = new Set(['resolved', 'remission']);
const CURRENT_MEDICATION = (entry: Entry) =>
  entry.kind === 'medication' && (entry.status === undefined || entry.status === 'active');

/** IPS sections, in the guide's order (IPS IG §"Composition"). */
const SECTIONS: readonly Section[] = [
  {
    code: '11450-4',
    title: 'Problem list',
    required: true,
    holds: (e) => e.kind === 'condition' && !PAST.has(String(e.status)),
  },
  {
    code: '48765-2',
    title: 'Allergies and adverse reactions',
    required: true,
    holds: isKind('allergy'),
  },
  { code: '10160-0', title: 'Medication list', required: true, holds: CURRENT_MEDICATION },
  { code: '11369-6', title: 'Immunizations', required: false, holds: isKind('immunization') },
  { code: '47519-4', title: 'History of procedures', required: false, holds: isKind('procedure') },
  { code: '8716-3', title: 'Vital signs', required: false, holds: isKind('measurement') },
  {
    code: '11348-0',
    title: 'History of past illness',
    required: false,
    holds: (e) => e.kind === 'condition' && PAST.has(String(e.status)),
  },
  { code: '29762-2', title: 'Social history', required: false, holds: isKind('lifestyle') },
  { code: '42348-3', title: 'Advance directives', required: false, holds: isKind('directive') },
];
const RESULTS_SECTION = { code: '30954-2', title: 'Results' };

const LIST_EMPTY_REASON = 'http://terminology.hl7.org/CodeSystem/list-empty-reason';

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** A section's narrative (required by the IPS): the list of what it holds, as XHTML. */
function narrative(lines: string[]): FhirObject {
  const body =
    lines.length > 0
      ? `<ul>${lines.map((line) => `<li>${escapeXml(line)}</li>`).join('')}</ul>`
      : '<p>No information available.</p>';
  return {
    status: 'generated',
    div: `<div xmlns="http://www.w3.org/1999/xhtml">${body}</div>`,
  };
}

function lineOf(entry: Entry): string {
  const label = labelOf(entry) ?? entry.kind;
  const date = [entry.date, entry.startDate, entry.start].find((d) => typeof d === 'string');
  return date ? `${label} (${String(date)})` : label;
}

function bundleIdentifier(seed: string) {
  return { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${uuidOf(seed)}` };
}

/** Entries that are not in the bin, oldest first (a stable order for the same record). */
function liveEntries(doc: Y.Doc): Entry[] {
  return listEntries(doc).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** Document entries' fullUrls, for directives that point to one. */
function documentUrls(entries: Entry[]): (id: string) => string | undefined {
  const ids = new Set(entries.filter((e) => e.kind === 'document').map((e) => e.id));
  return (id) => (ids.has(id) ? urlOfEntry(id) : undefined);
}

/**
 * The record as an IPS document Bundle at `now` (ms): Composition first, then the Patient, then
 * what each section lists. Problems, allergies and medications are always there; empty, they say
 * so with `emptyReason` "unavailable" (the record cannot tell "none" from "not written down").
 */
export function exportIpsBundle(doc: Y.Doc, now: number): FhirObject {
  const entries = liveEntries(doc);
  const identity = readIdentity(doc);
  const patient = patientResource(identity);
  const urls = documentUrls(entries);
  const resources: BundleEntry[] = [patient];
  const sections: FhirObject[] = [];
  for (const section of SECTIONS) {
    const held = entries.filter(section.holds);
    if (held.length === 0 && !section.required) continue;
    const made = held.flatMap((entry) => entryResource(entry, urls) ?? []);
    resources.push(...made);
    sections.push({
      title: section.title,
      code: { coding: [{ system: 'http://loinc.org', code: section.code }] },
      text: narrative(held.map(lineOf)),
      ...(made.length > 0
        ? { entry: made.map(({ fullUrl }) => ({ reference: fullUrl })) }
        : {
            emptyReason: {
              coding: [{ system: LIST_EMPTY_REASON, code: 'unavailable' }],
            },
          }),
    });
  }
  const bloodGroup = bloodGroupResource(identity.bloodGroup);
  if (bloodGroup) {
    resources.push(bloodGroup);
    sections.push({
      title: RESULTS_SECTION.title,
      code: { coding: [{ system: 'http://loinc.org', code: RESULTS_SECTION.code }] },
      text: narrative([`ABO/Rh: ${identity.bloodGroup}`]),
      entry: [{ reference: bloodGroup.fullUrl }],
    });
  }
  const timestamp = new Date(now).toISOString();
  const compositionUrl = `urn:uuid:${uuidOf(`carnet:ips:${timestamp}`)}`;
  const composition: BundleEntry = {
    fullUrl: compositionUrl,
    resource: {
      resourceType: 'Composition',
      id: compositionUrl.slice('urn:uuid:'.length),
      status: 'final',
      type: {
        coding: [
          { system: 'http://loinc.org', code: '60591-5', display: 'Patient summary Document' },
        ],
      },
      subject: { reference: PATIENT_URL },
      date: timestamp,
      // Written by the patient in their own record: the patient is the author.
      author: [{ reference: PATIENT_URL }],
      title: 'Patient Summary',
      section: sections,
    },
  };
  return {
    resourceType: 'Bundle',
    identifier: bundleIdentifier(`carnet:ips-bundle:${timestamp}`),
    type: 'document',
    timestamp,
    entry: [composition, ...resources],
  };
}

export type CollectionOptions = {
  /**
   * An attachment's bytes (the UI passes the vault's readFile). Given, each file becomes a Binary
   * with its data in base64; without it, documents point to no bytes.
   */
  readFile?: (fileId: string, mime: string) => Promise<Uint8Array>;
  /**
   * Instead of a Binary, where the file is found (the plain export's `files/<name>`). Such URLs
   * are not read back by the import: it reports them.
   */
  fileUrl?: (entry: Entry) => string;
  now?: number;
};

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * The whole record as a collection Bundle: the Patient (and blood group), one resource per entry,
 * attachments as DocumentReference + Binary, and the resources kept from earlier imports exactly
 * as they came. Importing it into an empty record gives the same entries and identity.
 */
export async function exportCollectionBundle(
  doc: Y.Doc,
  options: CollectionOptions = {},
): Promise<FhirObject> {
  const entries = liveEntries(doc);
  const identity = readIdentity(doc);
  const urls = documentUrls(entries);
  const out: BundleEntry[] = [patientResource(identity)];
  const bloodGroup = bloodGroupResource(identity.bloodGroup);
  if (bloodGroup) out.push(bloodGroup);
  for (const entry of entries) {
    const made = entryResource(entry, urls);
    if (!made) continue;
    out.push(made);
    if (entry.kind !== 'document' || typeof entry.fileId !== 'string') continue;
    const mime = typeof entry.mime === 'string' ? entry.mime : 'application/octet-stream';
    const attachment = (made.resource.content as { attachment: FhirObject }[])[0]!.attachment;
    if (options.fileUrl) {
      attachment.url = options.fileUrl(entry);
    } else if (options.readFile) {
      const bytes = await options.readFile(entry.fileId, mime);
      const url = urlOfFile(entry.fileId);
      out.push({
        fullUrl: url,
        resource: {
          resourceType: 'Binary',
          id: url.slice('urn:uuid:'.length),
          contentType: mime,
          data: toBase64(bytes),
        },
      });
    } else {
      delete attachment.url;
    }
  }
  for (const kept of listImported(doc)) {
    try {
      out.push({
        fullUrl: `${IMPORT_KEY_URN}${kept.key}`,
        resource: JSON.parse(kept.json) as FhirObject,
      });
    } catch {
      // Only JSON text is ever stored; a damaged one is left out rather than failing the export.
    }
  }
  const timestamp = new Date(options.now ?? Date.now()).toISOString();
  return {
    resourceType: 'Bundle',
    identifier: bundleIdentifier(`carnet:collection:${timestamp}`),
    type: 'collection',
    timestamp,
    entry: out,
  };
}
