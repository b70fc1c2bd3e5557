/** Typed failures of lib/vault; the UI maps each to a translated message (STYLE.md). */

/** IndexedDB is missing or refuses to open (old browser, some private modes). */
export class VaultUnavailableError extends Error {
  override readonly name = 'VaultUnavailableError';
  constructor(readonly reason: string) {
    super(`storage unavailable: ${reason}`);
  }
}

/** The device refused to store more. What was already saved is intact. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor() {
    super('storage is full');
  }
}

export class ProfileNotFoundError extends Error {
  override readonly name = 'ProfileNotFoundError';
  constructor(readonly profileId: string) {
    super(`no profile ${profileId} on this device`);
  }
}

/** A stored file failed verification; `chunk` is the first damaged chunk (or -1 for its index). */
export class DamagedFileError extends Error {
  override readonly name = 'DamagedFileError';
  constructor(
    readonly fileId: string,
    readonly chunk: number,
  ) {
    super(`file ${fileId} is damaged (chunk ${chunk})`);
  }
}

export class FileNotFoundError extends Error {
  override readonly name = 'FileNotFoundError';
  constructor(readonly fileId: string) {
    super(`no file ${fileId}`);
  }
}

export function isQuotaError(error: unknown): boolean {
  return (
    error instanceof DOMException &&
    (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED')
  );
}
