/** The one place where lib/ errors become words for the user (STYLE.md). */
import { TamperedError, UnsupportedVersionError, WrongPassphraseError } from '../lib/crypto';
import {
  CorruptBackupError,
  NotABackupError,
  ProfileExistsError,
  TruncatedBackupError,
  UnsupportedBackupVersionError,
} from '../lib/interop/backup';
import { InvalidEntryError } from '../lib/record';
import {
  DamagedFileError,
  FileNotFoundError,
  NotLinkedError,
  ProfileNotFoundError,
  StorageFullError,
  VaultUnavailableError,
} from '../lib/vault';
import type { MessageKey } from './i18n/locale';

export function errorMessageKey(error: unknown): MessageKey {
  if (error instanceof WrongPassphraseError) return 'error.wrongPassphrase';
  if (error instanceof StorageFullError) return 'error.storageFull';
  if (error instanceof InvalidEntryError) return 'error.invalidEntry';
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return 'error.storageFull';
  }
  if (error instanceof VaultUnavailableError) return 'error.unsupported';
  if (error instanceof DamagedFileError || error instanceof TamperedError) return 'error.damaged';
  if (error instanceof UnsupportedVersionError) return 'error.newerVersion';
  if (error instanceof ProfileNotFoundError) return 'error.profileMissing';
  if (error instanceof FileNotFoundError) return 'error.fileMissing';
  if (error instanceof NotLinkedError) return 'family.notLinked';
  if (error instanceof NotABackupError) return 'backup.error.notABackup';
  if (error instanceof UnsupportedBackupVersionError) return 'backup.error.newerVersion';
  if (error instanceof TruncatedBackupError) return 'backup.error.truncated';
  if (error instanceof CorruptBackupError) return 'backup.error.corrupt';
  if (error instanceof ProfileExistsError) return 'backup.error.exists';
  return 'error.unexpected';
}
