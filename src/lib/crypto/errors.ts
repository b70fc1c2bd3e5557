/** Typed failures of lib/crypto; the UI maps each to a translated message (STYLE.md). */

/** A sealed value did not open: wrong key, or bytes changed since they were sealed. */
export class TamperedError extends Error {
  override readonly name = 'TamperedError';
  constructor(readonly what: string) {
    super(`${what} did not open: it was changed or damaged`);
  }
}

/** The passphrase did not unwrap the master key. */
export class WrongPassphraseError extends Error {
  override readonly name = 'WrongPassphraseError';
  constructor() {
    super('wrong passphrase');
  }
}

/** A format version this build does not know (written by a newer Carnet, or garbage). */
export class UnsupportedVersionError extends Error {
  override readonly name = 'UnsupportedVersionError';
  constructor(
    readonly what: string,
    readonly version: number,
  ) {
    super(`${what}: unsupported format version ${version}`);
  }
}
