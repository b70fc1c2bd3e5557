import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEntry, listEntries } from '../record';
import { applyFhirImport, previewFhirImport } from './fhir-import';
import { PLAIN_EXPORT_BUNDLE, exportPlainZip } from './plain-export';
import { FakeFileStore } from './test-support';

function joined(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

async function recordWithFiles(files: FakeFileStore): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const bytes = (text: string) => new TextEncoder().encode(text);
  for (const [title, text] of [
    ['Ordonnance', '%PDF ordonnance'],
    ['Ordonnance renouvelée', '%PDF renouvellement'],
  ] as const) {
    const stored = await files.storeFile(bytes(text), 'scan.pdf', 'application/pdf');
    createEntry(doc, 'document', { title, type: 'prescription', date: '2024-01-01', ...stored });
  }
  createEntry(doc, 'allergy', { substance: 'Arachide' });
  return doc;
}

describe('the plain export', () => {
  it('is a zip of the FHIR collection and every original file, under distinct names', async () => {
    const files = new FakeFileStore();
    const doc = await recordWithFiles(files);
    const chunks = await exportPlainZip(doc, (fileId) => files.readFile(fileId));
    const zip = unzipSync(joined(chunks));

    expect(Object.keys(zip).sort()).toEqual([
      'files/scan (2).pdf',
      'files/scan.pdf',
      PLAIN_EXPORT_BUNDLE,
    ]);
    const texts = [zip['files/scan.pdf']!, zip['files/scan (2).pdf']!].map((b) =>
      new TextDecoder().decode(b),
    );
    expect(texts.sort()).toEqual(['%PDF ordonnance', '%PDF renouvellement']);

    const bundle = JSON.parse(new TextDecoder().decode(zip[PLAIN_EXPORT_BUNDLE])) as {
      type: string;
      entry: { resource: { resourceType: string; content?: { attachment: { url: string } }[] } }[];
    };
    expect(bundle.type).toBe('collection');
    const urls = bundle.entry.flatMap(
      (e) => e.resource.content?.map((c) => c.attachment.url) ?? [],
    );
    expect(urls.sort()).toEqual(['files/scan (2).pdf', 'files/scan.pdf']);
    // No base64 copy of the files inside the JSON: they are beside it.
    expect(bundle.entry.some((e) => e.resource.resourceType === 'Binary')).toBe(false);

    // The JSON alone imports back the entries; the files beside it are reported, not fetched.
    const preview = previewFhirImport(new TextDecoder().decode(zip[PLAIN_EXPORT_BUNDLE]));
    expect(preview.warnings.map((w) => w.detail).sort()).toEqual(urls.sort());
    const copy = new Y.Doc();
    await applyFhirImport(copy, preview, new FakeFileStore());
    expect(listEntries(copy).length).toBe(listEntries(doc).length);
  });

  it('streams: chunks go out as they are made, and files may be read as streams', async () => {
    const files = new FakeFileStore();
    const doc = await recordWithFiles(files);
    const out: Uint8Array[] = [];
    const returned = await exportPlainZip(
      doc,
      async (fileId) => {
        const bytes = await files.readFile(fileId);
        return new ReadableStream<Uint8Array>({
          start(controller) {
            // In two pieces, as a vault stream gives chunks.
            controller.enqueue(bytes.subarray(0, 3));
            controller.enqueue(bytes.subarray(3));
            controller.close();
          },
        });
      },
      { onChunk: (chunk) => out.push(chunk) },
    );
    expect(returned).toEqual([]);
    expect(out.length).toBeGreaterThan(1);
    const zip = unzipSync(joined(out));
    expect(Object.keys(zip)).toHaveLength(3);
  });
});
