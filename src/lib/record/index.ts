/** lib/record's public surface: the health record over a Y.Doc (DESIGN §2). */
export {
  ENTRY_KINDS,
  addEntry,
  entriesMap,
  entryIdOfPath,
  entryLabel,
  labelForPath,
  listEntries,
  readEntry,
  type Entry,
  type EntryKind,
  type EntrySource,
  type FieldValue,
} from './entries';
