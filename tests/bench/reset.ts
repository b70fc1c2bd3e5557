import { writeFileSync } from 'node:fs';
import { RESULTS_FILE } from './metrics';

/** Each `npm run bench` starts from an empty file, so no stale number survives a run. */
export default function reset(): void {
  writeFileSync(RESULTS_FILE, '{}\n');
}
