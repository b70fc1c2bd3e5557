import { describe, expect, it } from 'vitest';
import { planFileChecks } from './verify-plan';

const MiB = 1024 * 1024;
const files = [
  { fileId: 'c', size: 30 * MiB },
  { fileId: 'a', size: 30 * MiB },
  { fileId: 'b', size: 30 * MiB },
  { fileId: 'd', size: 1 * MiB },
];

describe('checking files a slice per opening', () => {
  it('checks everything at once when it fits the budget', () => {
    const plan = planFileChecks(files, null, 1000 * MiB);
    expect(plan.files.map((f) => f.fileId)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('resumes after the last file checked and wraps around, covering every file', () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let opening = 0; opening < 3; opening++) {
      const plan = planFileChecks(files, cursor, 64 * MiB);
      seen.push(...plan.files.map((f) => f.fileId));
      cursor = plan.cursor;
    }
    // a+b | c+d+a | b+c+d: the budget is filled, and each opening starts after the last one.
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'a', 'b', 'c', 'd']);
  });

  it('checks a file larger than the budget on its own turn', () => {
    const plan = planFileChecks([{ fileId: 'x', size: 500 * MiB }], null, 64 * MiB);
    expect(plan.files).toHaveLength(1);
  });

  it('copes with a cursor whose file is gone, and with no files', () => {
    expect(planFileChecks(files, 'bb', 40 * MiB).files.map((f) => f.fileId)).toEqual(['c', 'd']);
    expect(planFileChecks(files, 'zz', 40 * MiB).files.map((f) => f.fileId)).toEqual(['a']);
    expect(planFileChecks([], 'a')).toEqual({ files: [], cursor: null });
  });
});
