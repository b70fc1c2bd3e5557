/** Messages of the receive screens. */
export const en = {};

export const fr: Record<keyof typeof en, string> = {};
