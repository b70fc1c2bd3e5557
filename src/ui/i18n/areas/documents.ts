/** Messages of the documents screens. */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
