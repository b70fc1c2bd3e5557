/**
 * What the record remembers of imports (a DESIGN §2 addition): two root Y.Maps beside `entries`.
 * - `importKeys`: import key → the id of the entry made from it, so a file imported twice adds
 *   nothing the second time;
 * - `imported`: import key → a resource no kind of entry holds, kept as it came
 *   ({@link ImportedResource}), never silently dropped.
 */
import type * as Y from 'yjs';

/** A resource kept as it came: its type, its JSON text, when and from which file. */
export type ImportedResource = {
  resourceType: string;
  json: string;
  importedAt: number;
  sourceName: string;
};

export function importKeysMap(doc: Y.Doc): Y.Map<string> {
  return doc.getMap('importKeys');
}

export function importedMap(doc: Y.Doc): Y.Map<ImportedResource> {
  return doc.getMap('imported');
}

/** Every resource kept as it came, oldest import first. */
export function listImported(doc: Y.Doc): (ImportedResource & { key: string })[] {
  return [...importedMap(doc).entries()]
    .map(([key, resource]) => ({ ...resource, key }))
    .sort((a, b) => a.importedAt - b.importedAt);
}
