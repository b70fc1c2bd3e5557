/**
 * How Carnet marks its own FHIR export so that importing it back gives the same record: each
 * resource made from an entry names the entry (identifier) and carries the entry's fields as
 * they are stored (extension), besides the standard elements other software reads.
 */
export const CARNET_ENTRY_ID_SYSTEM = 'urn:carnet:entry-id';
export const CARNET_ENTRY_EXTENSION = 'urn:carnet:fhir:entry';
