import { median, recordMetric } from './metrics';
import { expect, round, test } from './harness/fixture';
import type { ReadVariant, TransferRun, WriteVariant } from './harness/api';

const FILES = 20;
const FILE_MIB = 10;
/** Each round writes then reads all files both ways; who goes first alternates. */
const ROUNDS: ['raw' | 'enc', 'raw' | 'enc'][] = [
  ['raw', 'enc'],
  ['enc', 'raw'],
  ['raw', 'enc'],
];

/**
 * What-if writes, in every round after the measured ones: writeFile's own code (copied in the
 * harness) with its whole-file hash swapped (hash-wasm on the main thread or in a worker, none,
 * WebCrypto per chunk) and/or its chunks sealed concurrently. The copy as shipped (noble,
 * sequential) runs in the first round only, to check that it writes as fast as writeFile itself.
 */
const WHAT_IF: WriteVariant[] = [
  { hash: 'wasm', parallel: false },
  { hash: 'worker', parallel: false },
  { hash: 'none', parallel: false },
  { hash: 'none', parallel: true },
  { hash: 'chunkDigests', parallel: true },
];
const COPY_CHECK: WriteVariant = { hash: 'noble', parallel: false };
/** The same for readFile: chunks opened concurrently, and the next batch read ahead. */
const READ_WHAT_IF: ReadVariant[] = [
  { parallel: true, prefetch: false },
  { parallel: true, prefetch: true },
];
const READ_COPY_CHECK: ReadVariant = { parallel: false, prefetch: false };

/**
 * Encrypted attachments against raw IndexedDB, 200 MiB (20 files × 10 MiB of random bytes made in
 * the page), in a real Chromium page with IndexedDB on disk:
 *
 * - attach_write_mib_s / attach_read_mib_s: writeFile from a stream of 64 KiB pieces, and readFile
 *   streams read to the end.
 * - attach_*_ratio_vs_raw_idb: encrypted throughput over the same bytes written and read without
 *   crypto in a separate database, with the same 256 KiB records, 16 per transaction, the same
 *   pipelining and the same small strict write per file, so the ratio isolates the crypto.
 *
 * Medians over ROUNDS; the stores are emptied after every round and what-if write, so every
 * write starts alike.
 */
test('attach_write_mib_s, attach_read_mib_s and their ratios vs raw IndexedDB', async ({
  harness,
  page,
}) => {
  const setup = await page.evaluate((options) => window.bench.prepareAttachments(options), {
    files: FILES,
    mib: FILE_MIB,
    seed: 1,
  });
  const runs: Record<'write' | 'read', Record<'raw' | 'enc', TransferRun[]>> = {
    write: { raw: [], enc: [] },
    read: { raw: [], enc: [] },
  };
  const whatIf = new Map<string, number[]>();
  const readWhatIf = new Map<string, number[]>();
  for (const [r, order] of ROUNDS.entries()) {
    for (const kind of order) {
      await harness.collectGarbage();
      runs.write[kind].push(await page.evaluate((k) => window.bench.attachWrite(k), kind));
    }
    for (const kind of order) {
      await harness.collectGarbage();
      runs.read[kind].push(await page.evaluate((k) => window.bench.attachRead(k), kind));
    }
    const readVariants = r === 0 ? [READ_COPY_CHECK, ...READ_WHAT_IF] : rotate(READ_WHAT_IF, r);
    for (const variant of readVariants) {
      await harness.collectGarbage();
      const run = await page.evaluate((v) => window.bench.attachReadReplica(v), variant);
      const name = variant.parallel ? `parallelOpen${variant.prefetch ? '+prefetch' : ''}` : 'copy';
      readWhatIf.set(name, [...(readWhatIf.get(name) ?? []), mibs(run)]);
    }
    if (r === 0) expect(await page.evaluate(() => window.bench.verifyAttachments())).toBe(true);
    await page.evaluate(() => window.bench.clearAttachments());

    const variants = r === 0 ? [COPY_CHECK, ...WHAT_IF] : rotate(WHAT_IF, r);
    for (const variant of variants) {
      await harness.collectGarbage();
      const run = await page.evaluate((v) => window.bench.attachWriteReplica(v), variant);
      const name = `${variant.hash}${variant.parallel ? '+parallelSeal' : ''}`;
      whatIf.set(name, [...(whatIf.get(name) ?? []), mibs(run)]);
      await page.evaluate(() => window.bench.clearAttachments());
    }
  }

  await harness.collectGarbage();
  const costs = await page.evaluate(() => window.bench.attachmentBreakdown());

  const totalMiB = (FILES * setup.bytesPerFile) / 1024 / 1024;
  for (const op of ['write', 'read'] as const) {
    const enc = median(runs[op].enc.map(mibs));
    const raw = median(runs[op].raw.map(mibs));
    for (const run of [...runs[op].enc, ...runs[op].raw])
      expect(run.bytes).toBe(totalMiB * 2 ** 20);
    recordMetric(`attach_${op}_mib_s`, {
      value: round(enc),
      unit: 'MiB/s',
      files: FILES,
      fileMiB: FILE_MIB,
      runsMiBs: runs[op].enc.map((run) => round(mibs(run))),
      ...(op === 'write'
        ? {
            costsAloneMiBs: roundAll(costs),
            writeFileCopyWhatIf: summarize(whatIf, raw),
          }
        : {
            costsAloneMiBs: { aesGcmOpenMiBs: round(costs.aesGcmOpenMiBs) },
            readFileCopyWhatIf: summarize(readWhatIf, raw),
          }),
    });
    recordMetric(`attach_${op}_ratio_vs_raw_idb`, {
      value: round(enc / raw, 2),
      unit: 'ratio',
      goal: '>= 0.8',
      encryptedMiBs: round(enc),
      rawIdbMiBs: round(raw),
      rawRunsMiBs: runs[op].raw.map((run) => round(mibs(run))),
    });
  }
});

/** Median throughput of each what-if variant, and its ratio to the median raw IndexedDB run. */
function summarize(runs: Map<string, number[]>, rawMiBs: number) {
  return Object.fromEntries(
    [...runs].map(([name, values]) => [
      name,
      {
        medianMiBs: round(median(values)),
        ratioVsRawIdb: round(median(values) / rawMiBs, 2),
        runsMiBs: values.map((v) => round(v)),
      },
    ]),
  );
}

function rotate<T>(items: T[], by: number): T[] {
  return [...items.slice(by % items.length), ...items.slice(0, by % items.length)];
}

function mibs(run: TransferRun): number {
  return run.bytes / 1024 / 1024 / (run.ms / 1000);
}

function roundAll(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, round(value)]));
}
