/**
 * Search across every entry and the documents' metadata, with MiniSearch. Accent-, case- and
 * ligature-insensitive ("paracetamol" finds "Paracétamol", "coeur" finds "cœur"), by word prefix
 * ("vaccin" finds "Vaccination") and with light typo tolerance for longer words.
 *
 * The index is built once from the doc and then kept current from the doc's own change events:
 * only the entries a transaction touched are re-indexed, whether the change came from this
 * device, another tab or a synced one.
 */
import MiniSearch from 'minisearch';
import type * as Y from 'yjs';
import { entriesMap, isInBin, labelOf, readEntry } from './entries';
import { isEntryKind, type Entry, type EntryKind, type FieldValue } from './kinds';
import { CODED_FIELDS, CODE_WORDS, EMERGENCY_WORDS, KIND_WORDS } from './search-words';

/** Short words that would make an AND query fail for no reason ("compte rendu de consultation"). */
const STOP_WORDS = new Set(
  'a au aux d de des du en et l la le les un une the of and an to in for on or'.split(' '),
);

/**
 * Lower-case, strip diacritics (NFKD, then drop combining marks) and unfold the ligatures NFKD
 * leaves whole (œ, æ, ß). Returns null for stop words, which MiniSearch then skips.
 */
export function normalizeTerm(term: string): string | null {
  const folded = term
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss');
  return folded && !STOP_WORDS.has(folded) ? folded : null;
}

/** Fields that hold no words: ids, hashes, dates, numbers by another name, contact details. */
const NOT_TEXT = new Set([
  'id',
  'kind',
  'source',
  'fileId',
  'mime',
  'contentHash',
  'date',
  'startDate',
  'endDate',
  'start',
  'end',
  'nextDueDate',
  'unit',
  'phone',
  'email',
  'rpps',
  'documentId',
  'status',
  'severity',
  'category',
  'choice',
]);

type SearchDocument = { id: string; kind: EntryKind; label: string; text: string };

function toSearchDocument(entry: Entry): SearchDocument {
  const label = labelOf(entry) ?? '';
  const coded = new Set(CODED_FIELDS[entry.kind] ?? []);
  const words: string[] = [KIND_WORDS[entry.kind]];
  for (const [field, value] of Object.entries(entry)) {
    if (NOT_TEXT.has(field)) continue;
    if (coded.has(field)) {
      if (typeof value === 'string') words.push(CODE_WORDS[value] ?? value);
    } else if (typeof value === 'string') {
      if (value !== label) words.push(value);
    } else if (Array.isArray(value)) {
      words.push(...value);
    }
  }
  if (entry.emergency === true) words.push(EMERGENCY_WORDS);
  // Who it came from: "professional:Dr Martin" is found by "Martin", an import by its file name.
  const from = /^(?:professional|import):(.*)$/s.exec(entry.source);
  if (from) words.push(from[1]!);
  return { id: entry.id, kind: entry.kind, label, text: words.join('\n') };
}

export type SearchHit = { id: string; kind: EntryKind; label: string | null; score: number };
export type RecordSearchOptions = { kinds?: readonly EntryKind[]; limit?: number };

export class RecordSearchIndex {
  readonly #entries: Y.Map<Y.Map<FieldValue>>;
  readonly #index = new MiniSearch<SearchDocument>({
    fields: ['label', 'text'],
    storeFields: ['kind', 'label'],
    processTerm: normalizeTerm,
    searchOptions: {
      boost: { label: 3 },
      prefix: true,
      // One typo in words of 5+ letters ("paracetamole", "vacination"); shorter words would
      // match too much of everything.
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      maxFuzzy: 2,
      combineWith: 'AND',
    },
  });

  static #deferred = false;

  /** Indexes the whole record now (≈0.2–0.4 s for 10,000 entries in Node), then follows it. */
  constructor(doc: Y.Doc) {
    this.#entries = entriesMap(doc);
    this.#entries.observeDeep(this.#onChange);
    if (RecordSearchIndex.#deferred) return;
    const documents: SearchDocument[] = [];
    for (const map of this.#entries.values()) {
      const document = this.#searchDocument(map);
      if (document) documents.push(document);
    }
    this.#index.addAll(documents);
  }

  /**
   * Indexes the record a slice at a time, yielding to the event loop between slices, so a large
   * record never freezes the screen. Changes made meanwhile are followed from the start; the
   * index is complete when the promise resolves.
   */
  static async build(doc: Y.Doc, sliceSize = 500): Promise<RecordSearchIndex> {
    RecordSearchIndex.#deferred = true;
    let index: RecordSearchIndex;
    try {
      index = new RecordSearchIndex(doc);
    } finally {
      RecordSearchIndex.#deferred = false;
    }
    const ids = [...index.#entries.keys()];
    for (let start = 0; start < ids.length; start += sliceSize) {
      // #reindex reads the entry as it is now: one changed or deleted since is handled right.
      for (const id of ids.slice(start, start + sliceSize)) index.#reindex(id);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return index;
  }

  /** Entries matching every word of `query`, best first. */
  search(query: string, options: RecordSearchOptions = {}): SearchHit[] {
    const kinds = options.kinds ? new Set<unknown>(options.kinds) : null;
    const results = this.#index.search(query, kinds ? { filter: (r) => kinds.has(r.kind) } : {});
    return results.slice(0, options.limit).map((result) => ({
      id: result.id as string,
      kind: result.kind as EntryKind,
      label: (result.label as string) || null,
      score: result.score,
    }));
  }

  /** How many entries are indexed. */
  get size(): number {
    return this.#index.documentCount;
  }

  /** Stops following the doc. */
  destroy(): void {
    this.#entries.unobserveDeep(this.#onChange);
  }

  #searchDocument(map: Y.Map<FieldValue>): SearchDocument | null {
    if (isInBin(map) || !isEntryKind(map.get('kind'))) return null;
    return toSearchDocument(readEntry(map));
  }

  #onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    const changed = new Set<string>();
    for (const event of events) {
      if (event.target === this.#entries) {
        for (const id of (event as Y.YMapEvent<unknown>).keysChanged) changed.add(id);
      } else {
        const id = event.path[0];
        if (typeof id === 'string') changed.add(id);
      }
    }
    for (const id of changed) this.#reindex(id);
  };

  #reindex(id: string): void {
    const map = this.#entries.get(id);
    const document = map ? this.#searchDocument(map) : null;
    if (document) {
      if (this.#index.has(id)) this.#index.replace(document);
      else this.#index.add(document);
    } else if (this.#index.has(id)) {
      this.#index.discard(id);
    }
  }
}
