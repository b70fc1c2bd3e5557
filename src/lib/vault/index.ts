/** lib/vault's public surface: profiles, the encrypted record store, encrypted attachments. */
export {
  CHUNK_BYTES,
  deleteFile,
  fileInfo,
  listFiles,
  readFile,
  readFileBlob,
  verifyFile,
  writeFile,
  type StoredFile,
} from './attachments';
export { DB_NAME, type HeaderRecord } from './db';
export {
  DamagedFileError,
  FileNotFoundError,
  ProfileNotFoundError,
  StorageFullError,
  VaultUnavailableError,
} from './errors';
export {
  NotLinkedError,
  createLinkedProfile,
  linkExistingProfile,
  listFamily,
  openLinkedProfile,
  renameLink,
  unlinkProfile,
  type FamilyLink,
} from './family';
export {
  DEFAULT_AUTO_LOCK_MINUTES,
  UnlockedProfile,
  changePassphrase,
  createProfile,
  deleteProfile,
  listProfiles,
  readHeader,
  restoreProfileHeader,
  unlockProfile,
  updateProfileSettings,
  type CreateProfileOptions,
  type KdfSettings,
  type ProfileSummary,
} from './profiles';
export {
  RecordStore,
  STORAGE_ORIGIN,
  type RecordDamage,
  type RecordStoreOptions,
  type SaveState,
} from './record-store';
