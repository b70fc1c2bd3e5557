/** Messages of the agenda screens. */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
