/**
 * Why a file is refused before anything is previewed. Codes, not sentences: the UI translates
 * them (ui/errors.ts).
 */

/** Why a text is not a CDA document Carnet can read. */
export type NotCdaReason =
  /** Not well-formed XML. */
  | 'malformed-xml'
  /** XML whose root is not HL7 v3's ClinicalDocument (urn:hl7-org:v3). */
  | 'not-clinical-document'
  /** A DOCTYPE: CDA documents have none, and entity declarations are how XML bombs work. */
  | 'doctype'
  /** A ClinicalDocument without a structuredBody or a nonXMLBody. */
  | 'no-body'
  /** A header Carnet cannot file: no date (effectiveTime), which CDA requires. */
  | 'invalid-header';

/** The text is not a CDA R2 document; nothing was read from it. */
export class NotCdaError extends Error {
  override readonly name = 'NotCdaError';
  readonly code = 'not-cda';
  constructor(readonly reason: NotCdaReason) {
    super(`not a CDA document: ${reason}`);
  }
}

/** The text is longer than a CDA document Carnet previews (`limit` characters). */
export class CdaTooLargeError extends Error {
  override readonly name = 'CdaTooLargeError';
  readonly code = 'too-large';
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`CDA document of ${size} characters, more than ${limit}`);
  }
}
