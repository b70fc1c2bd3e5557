/** Messages of the profiles screens. */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
