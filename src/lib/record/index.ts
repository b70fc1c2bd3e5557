/** lib/record's public surface: the health record over a Y.Doc (DESIGN §2). */
export {
  ENTRY_KINDS,
  isEntryKind,
  type Entry,
  type EntryKind,
  type EntrySource,
  type FieldValue,
} from './kinds';
export {
  addEntry,
  entriesMap,
  entryIdOfPath,
  entryLabel,
  getEntry,
  labelForPath,
  labelOf,
  listEntries,
  readEntry,
  type ListOptions,
} from './entries';
export {
  ENTRY_FIELDS,
  FILE_FIELDS,
  validateFields,
  type EntryFields,
  type EntryInput,
  type EntryOf,
} from './schemas';
export {
  ISSUE_CODES,
  EntryNotFoundError,
  InvalidEntryError,
  type EntryIssue,
  type IssueCode,
} from './errors';
export { createEntry, updateEntry, type EntryPatch } from './editing';
export { BIN_RETENTION_MS, deleteEntry, listBin, purgeBin, restoreEntry } from './bin';
export {
  IDENTITY_FIELD_NAMES,
  readIdentity,
  updateIdentity,
  type Identity,
  type IdentityPatch,
} from './identity';
export { entryDate } from './dates';
export {
  TIMELINE_KINDS,
  timeline,
  type TimelineItem,
  type TimelineOptions,
  type TimelinePage,
} from './timeline';
export {
  activeConditions,
  activeMedications,
  homeSummary,
  listAllergies,
  listDocuments,
  upcomingAppointments,
  type DocumentFilter,
  type HomeSummary,
} from './queries';
// Types only: the search index (and MiniSearch with it) is imported from './search' where it is
// used, so the app loads it with the first search rather than with its first screen.
export type { RecordSearchIndex, RecordSearchOptions, SearchHit } from './search';
export {
  ALLERGY_CATEGORIES,
  ALLERGY_SEVERITIES,
  ALLERGY_TYPES,
  BLOOD_GROUPS,
  CONDITION_STATUSES,
  CONTACT_ROLES,
  DIASTOLIC_RANGE,
  DIRECTIVE_TYPES,
  DOCUMENT_TYPES,
  DOCUMENT_TYPE_CODES,
  FAMILY_RELATIONSHIPS,
  LIFESTYLE_STATUSES,
  LIFESTYLE_TOPICS,
  MEASUREMENT_TYPES,
  MEASUREMENT_TYPE_CODES,
  MEDICATION_STATUSES,
  ORGAN_DONATION_CHOICES,
  SEXES,
  SYSTOLIC_RANGE,
  documentTypeOfLoinc,
  rangeFor,
  type DocumentType,
  type LifestyleTopic,
  type MeasurementType,
  type UnitRange,
} from './vocabulary';
