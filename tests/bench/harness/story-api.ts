/**
 * The harness functions of story.bench.ts: search over the sample record, and the sample record
 * stored in a vault for the app to open (see vault-copy.ts).
 */
import * as Y from 'yjs';
import { RecordSearchIndex } from '../../../src/lib/record/search';
import { fillSampleRecord } from '../../../src/lib/record/sample-record';
import { RecordStore, createProfile } from '../../../src/lib/vault';
import { openVaultDb } from '../../../src/lib/vault/db';
import type { BenchApi, SearchQueryRuns } from './api';
import { toPortable } from './vault-copy';

/** Small Argon2id parameters: the benches start after the key is derived. */
const SETUP_KDF = { memoryKiB: 64, iterations: 1, parallelism: 1 };
const now = () => performance.now();

export const storyApi: Pick<BenchApi, 'searchRuns' | 'buildSampleVault' | 'dumpVault'> = {
  async searchRuns({ entries, seed, queries, rounds }) {
    const doc = new Y.Doc();
    fillSampleRecord(doc, entries, seed);
    let start = now();
    const whole = new RecordSearchIndex(doc);
    const indexMs = now() - start;
    whole.destroy();
    start = now();
    const index = await RecordSearchIndex.build(doc);
    const slicedBuildMs = now() - start;
    for (const query of queries) index.search(query); // untimed: warm code paths
    const runs: SearchQueryRuns[] = queries.map((query) => ({ query, hits: 0, runsMs: [] }));
    for (let round = 0; round < rounds; round++) {
      for (const run of runs) {
        const began = now();
        // As the search screen asks: every hit (it shows them a page at a time).
        const hits = index.search(run.query);
        run.runsMs.push(now() - began);
        run.hits = hits.length;
      }
    }
    const indexed = index.size;
    index.destroy();
    doc.destroy();
    return { entries, indexed, indexMs, slicedBuildMs, queries: runs };
  },

  async buildSampleVault({ entries, seed }) {
    const start = now();
    const passphrase = `story bench ${seed}`;
    const profile = await createProfile({ passphrase, kdf: SETUP_KDF });
    const doc = new Y.Doc();
    const store = await RecordStore.open(profile, doc);
    fillSampleRecord(doc, entries, seed);
    await store.whenSaved();
    // As the app leaves a record when it locks: one snapshot.
    await store.close({ compact: true });
    doc.destroy();
    const { profileId } = profile;
    profile.lock();
    return { profileId, passphrase, entries, setupMs: now() - start };
  },

  async dumpVault() {
    const db = await openVaultDb();
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names, 'readonly');
    const stores = await Promise.all(
      names.map(async (name) => {
        const store = tx.objectStore(name);
        const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
        return {
          name: String(name),
          records: keys.map(
            (key, i): [ReturnType<typeof toPortable>, ReturnType<typeof toPortable>] => [
              toPortable(key),
              toPortable(values[i]),
            ],
          ),
        };
      }),
    );
    return { name: db.name, version: db.version, stores };
  },
};
