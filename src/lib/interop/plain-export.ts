/**
 * The plain export for the right to portability (DESIGN §6, GDPR art. 20): a zip holding
 * `record.fhir.json`, the record as a FHIR collection Bundle, and `files/<name>`, each attachment
 * as it was added. Written with fflate's streaming Zip, one chunk at a time: a large record never
 * sits whole in memory as one buffer. Not encrypted — the UI says so.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type * as Y from 'yjs';
import { listEntries, type Entry } from '../record';
import { exportCollectionBundle } from './fhir-export';

export const PLAIN_EXPORT_BUNDLE = 'record.fhir.json';

/** An attachment's bytes, whole or as a stream (lib/vault readFile). */
export type ReadAttachment = (
  fileId: string,
  mime: string,
) => Promise<Uint8Array | ReadableStream<Uint8Array>>;

/** `files/<name>`, unique in the zip: a second "scan.pdf" becomes "scan (2).pdf". */
function filePaths(entries: Entry[]): Map<string, string> {
  const paths = new Map<string, string>();
  const taken = new Set<string>();
  for (const entry of entries) {
    if (typeof entry.fileId !== 'string') continue;
    const name = (typeof entry.name === 'string' ? entry.name : entry.fileId)
      .replace(/[\\/]+/g, '_')
      .replace(/^\.+/, '_');
    const dot = name.lastIndexOf('.');
    const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let path = `files/${name}`;
    for (let n = 2; taken.has(path.toLowerCase()); n++) path = `files/${stem} (${n})${extension}`;
    taken.add(path.toLowerCase());
    paths.set(entry.id, path);
  }
  return paths;
}

/**
 * Writes the plain export of `doc`. Each chunk of the zip goes to `onChunk` as soon as it is made
 * (to a download stream); without it, the chunks are returned, for a Blob made of them.
 */
export async function exportPlainZip(
  doc: Y.Doc,
  readFile: ReadAttachment,
  options: { now?: number; onChunk?: (chunk: Uint8Array) => void } = {},
): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else if (options.onChunk) options.onChunk(chunk);
    else chunks.push(chunk);
    if (error || final) finished();
  });

  const documents = listEntries(doc, 'document');
  const paths = filePaths(documents);
  const bundle = await exportCollectionBundle(doc, {
    fileUrl: (entry) => paths.get(entry.id)!,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const json = new ZipDeflate(PLAIN_EXPORT_BUNDLE, { level: 6 });
  zip.add(json);
  json.push(new TextEncoder().encode(JSON.stringify(bundle, null, 1)), true);

  for (const entry of documents) {
    const path = paths.get(entry.id);
    if (!path || typeof entry.fileId !== 'string') continue;
    // PDFs and photos are compressed already: stored as they are.
    const file = new ZipPassThrough(path);
    zip.add(file);
    const mime = typeof entry.mime === 'string' ? entry.mime : 'application/octet-stream';
    const content = await readFile(entry.fileId, mime);
    if (content instanceof Uint8Array) {
      file.push(content, true);
      continue;
    }
    const reader = content.getReader();
    for (;;) {
      const { done: end, value } = await reader.read();
      if (end) break;
      file.push(value);
    }
    file.push(new Uint8Array(0), true);
  }
  zip.end();
  await done;
  if (failure) throw failure;
  return chunks;
}
