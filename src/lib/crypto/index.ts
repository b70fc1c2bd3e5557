/** lib/crypto's public surface: envelope formats, KDF and key hierarchy (DESIGN §3). */
export { aad, type Purpose } from './aad';
export {
  concat,
  fromBase64Url,
  fromHex,
  fromUtf8,
  newId,
  randomBytes,
  toBase64Url,
  toHex,
  utf8,
} from './bytes';
export { CHUNK_OVERHEAD, importFileKey, openChunk, sealChunk } from './chunk';
export { ENVELOPE_OVERHEAD, open, seal } from './envelope';
export { TamperedError, UnsupportedVersionError, WrongPassphraseError } from './errors';
export {
  KDF_DEFAULTS,
  KDF_MINIMUM,
  SALT_BYTES,
  deriveKek,
  type KdfImplementation,
  type KdfParams,
} from './kdf';
export { deriveKekOffThread } from './kdf-off-thread';
export { newMasterKey, purposeKey, unwrapMasterKey, wrapMasterKey, type KeyPurpose } from './keys';
