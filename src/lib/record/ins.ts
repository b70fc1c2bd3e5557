/**
 * The INS (Identifiant national de santé): its matricule is the NIR (or a temporary NIA), 13
 * characters and a 2-digit control key, 15 in all. Key = 97 − (the 13 characters as a number
 * mod 97), where Corsica's départements 2A and 2B count as 19 and 18 (Référentiel INS, ANS).
 */

const SHAPE = /^\d{5}(?:\d{2}|2A|2B)\d{8}$/;

/** "1 84 12 76 451 089 46" → "184127645108946": people copy it from their Carte Vitale with spaces. */
export function normalizeIns(text: string): string {
  return text.replace(/[\s.-]/g, '').toUpperCase();
}

export function insShapeIsValid(ins: string): boolean {
  return SHAPE.test(ins);
}

/** Whether the control key matches; assumes the shape was checked. */
export function insKeyIsValid(ins: string): boolean {
  const body = ins.slice(0, 13).replace('2A', '19').replace('2B', '18');
  return 97 - (Number(body) % 97) === Number(ins.slice(13));
}
