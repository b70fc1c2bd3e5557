/**
 * A person's age as the summary shows it: whole years, or whole months for a child under two
 * (a baby's record says "7 mois", not "0 an").
 */
export type Age = { unit: 'years' | 'months'; count: number };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Age on `today` (both `YYYY-MM-DD`), or null when either is not a day or birth comes after. */
export function ageOn(birthDate: string, today: string): Age | null {
  const birth = DAY.exec(birthDate);
  const now = DAY.exec(today);
  if (!birth || !now) return null;
  const [, by, bm, bd] = birth.map(Number) as [number, number, number, number];
  const [, ty, tm, td] = now.map(Number) as [number, number, number, number];
  // A month is complete on the same day of the month (born on the 31st: on the last day, roughly).
  const months = (ty - by) * 12 + (tm - bm) - (td < bd ? 1 : 0);
  if (months < 0) return null;
  return months >= 24
    ? { unit: 'years', count: Math.floor(months / 12) }
    : { unit: 'months', count: months };
}

/** The device's calendar day (YYYY-MM-DD): "today" for dates the patient typed. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
