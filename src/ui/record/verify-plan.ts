/**
 * Which attached files to check at an opening. Checking decrypts every byte, so a large record is
 * checked a slice per opening (a budget of bytes), resuming where the last opening stopped and
 * wrapping around: every file is checked within a few openings, and a phone never decrypts
 * hundreds of megabytes each time it is unlocked.
 */
export type FileToCheck = { fileId: string; size: number };

export const CHECK_BUDGET_BYTES = 64 * 1024 * 1024;

/**
 * The files to check now, in order, and the cursor to store for next time (the last file
 * checked). At least one file is checked even if it alone exceeds the budget.
 */
export function planFileChecks(
  files: readonly FileToCheck[],
  cursor: string | null,
  budget = CHECK_BUDGET_BYTES,
): { files: FileToCheck[]; cursor: string | null } {
  const sorted = [...files].sort((a, b) =>
    a.fileId < b.fileId ? -1 : a.fileId > b.fileId ? 1 : 0,
  );
  if (sorted.length === 0) return { files: [], cursor: null };
  let start = cursor === null ? 0 : sorted.findIndex((file) => file.fileId > cursor);
  if (start < 0) start = 0;
  const plan: FileToCheck[] = [];
  let spent = 0;
  for (let i = 0; i < sorted.length; i++) {
    const file = sorted[(start + i) % sorted.length]!;
    if (plan.length > 0 && spent + file.size > budget) break;
    plan.push(file);
    spent += file.size;
  }
  return { files: plan, cursor: plan.at(-1)!.fileId };
}
