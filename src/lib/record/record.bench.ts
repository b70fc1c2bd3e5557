/**
 * Node timings for a 10,000-entry record (not part of `vitest run`):
 *   npx vitest bench --run src/lib/record
 * Targets from issue 4, for the browser: median search ≤ 30 ms, the timeline's first screen
 * ≤ 100 ms. A phone is several times slower than this machine's Node; read these as headroom.
 */
import { bench, describe } from 'vitest';
import * as Y from 'yjs';
import { RecordSearchIndex } from './search';
import { fillSampleRecord } from './sample-record';
import { timeline } from './timeline';
import { homeSummary } from './queries';

const ENTRIES = 10_000;
const doc = new Y.Doc();
fillSampleRecord(doc, ENTRIES);
const index = new RecordSearchIndex(doc);
const QUERIES = [
  'vaccin',
  'paracetamol',
  'compte rendu',
  'lefevre',
  'hypertension',
  'tension',
  'dr',
  'cardiologie valence',
];
let next = 0;

describe(`a ${ENTRIES.toLocaleString('en')}-entry record`, () => {
  bench('search (8 queries in turn, prefix + fuzzy)', () => {
    index.search(QUERIES[next++ % QUERIES.length]!);
  });
  bench('timeline, first page of 50', () => {
    timeline(doc, { limit: 50 });
  });
  bench('timeline, first page of 50 documents', () => {
    timeline(doc, { kinds: ['document'], limit: 50 });
  });
  bench('home summary', () => {
    homeSummary(doc, Date.UTC(2025, 0, 1));
  });
  bench(
    'build the search index',
    () => {
      new RecordSearchIndex(doc).destroy();
    },
    { iterations: 10, time: 0 },
  );
});
