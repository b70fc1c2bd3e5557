import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/server';

/**
 * `bench-results.json` at the repository root: metric name → { value, unit }. Metric names are a
 * contract with the issues that define them; extra fields (parameters, baselines) may sit beside.
 * CARNET_BENCH_RESULTS (absolute) writes elsewhere, so a run of a few benches beside others does
 * not empty the shared file.
 */
export const RESULTS_FILE =
  process.env.CARNET_BENCH_RESULTS ?? join(REPO_ROOT, 'bench-results.json');

export type Metric = { value: number; unit: string; [detail: string]: unknown };

export function readResults(): Record<string, Metric> {
  return existsSync(RESULTS_FILE) ? JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) : {};
}

/** Records one metric, keeping the others (benches run one after another, in one worker). */
export function recordMetric(name: string, metric: Metric): void {
  const results = readResults();
  results[name] = metric;
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`  ${name}: ${metric.value} ${metric.unit}`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
