/** Messages of the profile screens. */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
