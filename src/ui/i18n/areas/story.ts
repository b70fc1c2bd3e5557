/** Messages of the story screens. */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
