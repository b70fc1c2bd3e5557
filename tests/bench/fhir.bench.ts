import { median, recordMetric } from './metrics';
import { expect, round, test } from './harness/fixture';
import type { FhirBenchApi, FhirImportRun } from './harness/fhir-api';

const RESOURCES = 10_000;
const ROUNDS = 5;

/**
 * fhir_import_resources_s: a generated 10,000-resource collection Bundle (vital signs, lab
 * results, conditions, medicines and their Medication, vaccinations, encounters, procedures,
 * claims) read from its JSON text, previewed and saved into a fresh Y.Doc, as the import screen
 * does it, in a real Chromium page. Resources per second over the whole of it; median of ROUNDS.
 */
test('fhir_import_resources_s', async ({ harness, page }) => {
  const bytes = await page.evaluate(
    (options) => (window.bench as unknown as FhirBenchApi).prepareFhirBundle(options),
    { resources: RESOURCES, seed: 6 },
  );
  const runs: FhirImportRun[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    await harness.collectGarbage();
    runs.push(await page.evaluate(() => (window.bench as unknown as FhirBenchApi).fhirImportRun()));
  }
  for (const run of runs) {
    expect(run.resources).toBe(RESOURCES);
    // Every resource is either an entry or kept as it came (a Medication is folded into its
    // statement, so entries + kept is a little less than the resources).
    expect(run.entries + run.kept).toBeGreaterThan(RESOURCES * 0.9);
  }
  const rate = (run: FhirImportRun) => run.resources / (run.ms / 1000);
  recordMetric('fhir_import_resources_s', {
    value: round(median(runs.map(rate))),
    unit: 'resources/s',
    goal: '>= 5000',
    resources: RESOURCES,
    bundleMiB: round(bytes / 2 ** 20),
    entries: runs[0]!.entries,
    kept: runs[0]!.kept,
    previewMs: round(median(runs.map((run) => run.previewMs))),
    applyMs: round(median(runs.map((run) => run.applyMs))),
    runsResourcesS: runs.map((run) => round(rate(run))),
  });
});
