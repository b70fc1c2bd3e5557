/**
 * lib/interop's public surface (DESIGN §4 emergency card, §6): FHIR R4 import and export, CDA R2
 * import, the encrypted backup, the plain export, and the emergency card. `previewFhirImport`
 * and `previewCdaImport` are a stable seam: pure (no IndexedDB, no DOM globals), each returning
 * counts per entry kind, the entries it would add and what it could not map (with a reason), or
 * throwing a typed error for input that is not FHIR / CDA.
 */
export {
  MAX_FHIR_IMPORT_CHARS,
  NotFhirError,
  TooLargeError,
  UNMAPPED_REASONS,
  applyFhirImport,
  identityDifferences,
  pendingImport,
  previewFhirImport,
  type ApplyImportOptions,
  type AttachmentFile,
  type FhirImportPreview,
  type FhirImportReport,
  type FhirImportWarning,
  type ProposedEntry as FhirProposedEntry,
  type StoredFileFields,
  type UnmappedReason,
  type UnmappedResource,
} from './fhir-import';
export { exportCollectionBundle, exportIpsBundle, type CollectionOptions } from './fhir-export';
export { PLAIN_EXPORT_BUNDLE, exportPlainZip, type ReadAttachment } from './plain-export';
export { importKeysMap, importedMap, listImported, type ImportedResource } from './import-keys';
export {
  CDA_KEY_PREFIX,
  CdaTooLargeError,
  MAX_CDA_CHARS,
  NotCdaError,
  applyCdaImport,
  comparePatient,
  countNarrative,
  narrativeText,
  previewCdaImport,
  type ApplyCdaOptions,
  type CdaFile,
  type CdaImportPreview,
  type CdaImportResult,
  type CdaPatient,
  type CdaUnmapped,
  type CdaUnmappedReason,
  type NarrativeNode,
  type NarrativeSection,
  type NotCdaReason,
  type PatientComparison,
  type PatientField,
  type ProposedDocument,
  type ProposedEntry as CdaProposedEntry,
  type ProposedImmunization,
  type ProposedMeasurement,
} from './cda-import';
export {
  BACKUP_REMINDER_MS,
  CorruptBackupError,
  NotABackupError,
  ProfileExistsError,
  TruncatedBackupError,
  UnsupportedBackupVersionError,
  backupFileName,
  createBackup,
  isBackupDue,
  lastBackupAt,
  markBackedUp,
  restoreBackup,
  verifyBackup,
  type CreateBackupOptions,
  type RestoreBackupOptions,
  type RestoredBackup,
} from './backup';
export {
  EMERGENCY_CARD_MAX_BYTES,
  EMERGENCY_FIELDS,
  chooseEmergencyFields,
  emergencyCardText,
  readEmergencyFields,
  type EmergencyCard,
  type EmergencyCardLabels,
  type EmergencyField,
} from './emergency-card';
