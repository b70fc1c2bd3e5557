/** Messages of the circle screens. */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
