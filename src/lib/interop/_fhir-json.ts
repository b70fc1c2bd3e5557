/**
 * Reading FHIR R4 JSON (https://hl7.org/fhir/R4/json.html) defensively: an import file is
 * untrusted input, so every accessor checks the shape it expects and answers `undefined` otherwise.
 */
import { isCalendarDate, isDateTime } from '../record/field-schemas';

export type FhirObject = Record<string, unknown>;

export function asObject(value: unknown): FhirObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as FhirObject)
    : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asObjects(value: unknown): FhirObject[] {
  return asArray(value).flatMap((item): FhirObject[] => {
    const object = asObject(item);
    return object ? [object] : [];
  });
}

/** A non-blank string, trimmed. */
export function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export type Coding = { system?: string; code?: string; display?: string };

export function codings(concept: unknown): Coding[] {
  return asObjects(asObject(concept)?.coding).map((coding) => ({
    system: asText(coding.system),
    code: asText(coding.code),
    display: asText(coding.display),
  }));
}

/** What a person would read for a CodeableConcept: its text, else a coding's display, else a code. */
export function conceptText(concept: unknown): string | undefined {
  const text = asText(asObject(concept)?.text);
  if (text) return text;
  const all = codings(concept);
  return all.find((c) => c.display)?.display ?? all.find((c) => c.code)?.code;
}

export function hasCoding(concept: unknown, system: string | null, codes: ReadonlySet<string>) {
  return codings(concept).some(
    (c) => c.code !== undefined && codes.has(c.code) && (system === null || c.system === system),
  );
}

export const LOINC = 'http://loinc.org';
export const SNOMED = 'http://snomed.info/sct';
export const UCUM = 'http://unitsofmeasure.org';

/** The first code of `system` in a concept (any system when null). */
export function codeOf(concept: unknown, system: string | null): string | undefined {
  return codings(concept).find((c) => c.code && (system === null || c.system === system))?.code;
}

/**
 * The calendar day of a FHIR date or dateTime, as written (its local day, not UTC's). Partial
 * dates ("2015", "2015-03") have no day and give undefined.
 */
export function fhirDay(value: unknown): string | undefined {
  const text = asText(value);
  if (!text) return undefined;
  const day = text.slice(0, 10);
  return isCalendarDate(day) && (text.length === 10 || text[10] === 'T') ? day : undefined;
}

/** A FHIR dateTime with a time and offset, or a whole day; undefined for partial dates. */
export function fhirDayOrInstant(value: unknown): string | undefined {
  const text = asText(value);
  if (!text) return undefined;
  if (isCalendarDate(text)) return text;
  return isDateTime(text) ? text : undefined;
}

/** A dateTime with a time and offset (an appointment's start), not a bare day. */
export function fhirInstant(value: unknown): string | undefined {
  const text = asText(value);
  return text && isDateTime(text) ? text : undefined;
}

/** `period.start`, or the value itself when the element is a plain dateTime. */
export function periodStart(period: unknown): unknown {
  return asObject(period)?.start;
}

/** "Given Family", from a HumanName (or its text). */
export function humanName(name: unknown): string | undefined {
  const n = asObject(name);
  if (!n) return undefined;
  const text = asText(n.text);
  if (text) return text;
  const parts = [
    ...asArray(n.prefix).flatMap((p) => asText(p) ?? []),
    ...asArray(n.given).flatMap((g) => asText(g) ?? []),
    asText(n.family),
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** The name in use: the "official" or "usual" one when marked, else the first. */
export function preferredName(names: unknown): FhirObject | undefined {
  const all = asObjects(names);
  return all.find((n) => n.use === 'official') ?? all.find((n) => n.use === 'usual') ?? all.at(0);
}

/** A ContactPoint's value of a system (phone, email), "tel:"/"mailto:" prefixes removed. */
export function contactPoint(telecom: unknown, system: 'phone' | 'email'): string | undefined {
  const point = asObjects(telecom).find((t) => t.system === system && asText(t.value));
  return asText(point?.value)?.replace(/^(?:tel|mailto):/i, '');
}

/** An Address on one line. */
export function addressLine(address: unknown): string | undefined {
  const a = asObject(address);
  if (!a) return undefined;
  const text = asText(a.text);
  if (text) return text;
  const parts = [
    ...asArray(a.line).flatMap((l) => asText(l) ?? []),
    [asText(a.postalCode), asText(a.city)].filter(Boolean).join(' '),
    asText(a.country),
  ].filter((part): part is string => !!part);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** JSON with object keys sorted, so the same resource always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    const object = asObject(item);
    if (!object) return item;
    // fromEntries defines own properties: a "__proto__" key stays a key.
    return Object.fromEntries(
      Object.keys(object)
        .sort()
        .map((key) => [key, object[key]]),
    );
  });
}
