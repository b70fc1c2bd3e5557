/**
 * lib/share's public surface (DESIGN §4): the share link, the keys it yields, and the handshake
 * between the professional's page and the patient's device. `encodeShareLink` and `parseShareLink`
 * are a stable seam: their format and error codes do not change within link version 1.
 */
export {
  BadPublicKeyError,
  ExpiredLinkError,
  ForgedLinkError,
  HandshakeError,
  MalformedLinkError,
  MalformedMessageError,
  ShareError,
  ShareLinkError,
  TamperedMessageError,
  TruncatedLinkError,
  UnknownVersionError,
  type HandshakeErrorCode,
  type HandshakeMessage,
  type MalformedLinkReason,
  type MalformedMessageReason,
  type ShareLinkErrorCode,
} from './errors';
export {
  IDENTITY_MAX_LENGTH,
  ProfessionalIdentitySchema,
  openAnswer,
  openHello,
  openReveal,
  sealAnswer,
  sealHello,
  type Hello,
  type PatientPending,
  type ProfessionalIdentity,
  type ProfessionalPending,
  type ShareSession,
} from './handshake';
export { SECRET_BYTES, deriveShareKeys, type ShareKeys } from './keys';
export {
  PAYLOAD_LENGTH,
  SHARE_LINK_MARKER,
  SHARE_LINK_VERSION,
  encodeShareLink,
  parseShareLink,
  type ShareLink,
  type ShareOffer,
  type ShareRights,
  type ShareTerms,
} from './link';
export { SIGNALING_PATH, signalingUrls } from './signaling-url';
export {
  SHARE_PRESETS,
  ShareScopeError,
  buildShareDoc,
  resolveShareScope,
  shareDocOf,
  summarizeShare,
  type IdentityField,
  type ResolvedShare,
  type SharePeriod,
  type SharePreset,
  type ShareScope,
  type ShareScopeIssue,
  type ShareSummary,
} from './scope';
export {
  AUDIT_VERSION,
  InvalidAuditEventError,
  SHARE_END_REASONS,
  appendAuditEvent,
  auditEventHash,
  readAuditLog,
  verifyAuditLog,
  type AuditBreak,
  type AuditEvent,
  type AuditEventInput,
  type AuditEventIssue,
  type AuditEventType,
  type AuditFields,
  type AuditVerdict,
  type ShareEndReason,
} from './audit';
export {
  CLOSE_REASONS,
  ChannelClosedError,
  FrameRejectedError,
  FramedChannel,
  MAX_FRAME_BYTES,
  MESSAGE_KINDS,
  MessageTooLargeError,
  type ChannelEnd,
  type CloseReason,
  type DataChannelLike,
  type FrameErrorCode,
  type FramedChannelOptions,
  type FramedMessage,
  type Role,
  type SendOptions,
} from './framed-channel';
export {
  SyncError,
  syncDoc,
  type DocSync,
  type SyncErrorCode,
  type SyncMode,
  type SyncOptions,
} from './sync';
export {
  DEFAULT_CHUNK_BYTES,
  TransferError,
  receiveFiles,
  sendFile,
  type FileMeta,
  type IncomingFile,
  type ReceiveFilesOptions,
  type SendFileOptions,
  type TransferErrorCode,
} from './transfer';
export { HELLO_REFUSALS, openRefusal, sealRefusal, type HelloRefusal } from './handshake';
export {
  SignalingRoom,
  openSignal,
  type Signal,
  type SignalingRoomOptions,
  type SignalingState,
  type SocketFactory,
  type SocketLike,
} from './signaling-client';
export {
  PATIENT_SILENT_MS,
  connectAsGuest,
  listenAsHost,
  type GuestLinkState,
  type HostListener,
  type PeerLink,
  type PeerOptions,
} from './peer';
export { onControl, sendControl, type ControlMessage } from './control';
export {
  HostSession,
  MAX_DEPOSIT_BYTES,
  authorOf,
  filesOf,
  type AccessRequest,
  type Deposit,
  type GuestStatus,
  type GuestView,
  type HostSessionOptions,
} from './host-session';
export {
  GuestSession,
  MAX_SHARED_FILE_BYTES,
  type DepositOutcome,
  type GuestEndReason,
  type GuestPhase,
  type GuestSessionOptions,
  type ReceivedFile,
  type SentDeposit,
} from './guest-session';
