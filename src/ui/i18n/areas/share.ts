/** Messages of the share screens. */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
