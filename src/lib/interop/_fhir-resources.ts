/**
 * One mapper per FHIR R4 resource the record holds (DESIGN §2's table), each reading only what the
 * kind of entry keeps. Mappers do not validate: previewFhirImport runs the record's own schema on
 * what they give.
 */
import { documentTypeOfLoinc } from '../record';
import { insKeyIsValid, insShapeIsValid, normalizeIns } from '../record/ins';
import {
  LOINC,
  addressLine,
  asArray,
  asObject,
  asObjects,
  asText,
  codeOf,
  conceptText,
  contactPoint,
  fhirDay,
  fhirInstant,
  hasCoding,
  humanName,
  preferredName,
  type FhirObject,
} from './_fhir-json';
import { entry, unmapped, type AttachmentFile, type MapContext, type Mapped } from './_fhir-mapped';
import { noteOf } from './_fhir-observation';

/** "No known allergies" and the like: IPS absent-unknown codes and their SNOMED CT findings. */
const ABSENCE_CODES = new Set([
  'no-allergy-info',
  'no-known-allergies',
  'no-medication-info',
  'no-known-medications',
  'no-problem-info',
  'no-known-problems',
  'no-immunization-info',
  'no-known-immunizations',
  'no-procedure-info',
  'no-known-procedures',
  '716186003', // No known allergy
  '409137002', // No known drug allergy
  '429625007', // No known food allergy
  '428607008', // No known environmental allergy
  '160245001', // No current problems or disability
  '787481004', // No known medication
]);

const statesAbsence = (concept: unknown) => hasCoding(concept, null, ABSENCE_CODES);

const ERRONEOUS = new Set(['entered-in-error', 'refuted', 'not-done', 'cancelled', 'rejected']);

function erroneous(resource: FhirObject, ...statusFields: string[]): boolean {
  return statusFields.some((field) => {
    const value = resource[field];
    const code = typeof value === 'string' ? value : codeOf(value, null);
    return code !== undefined && ERRONEOUS.has(code);
  });
}

/** Who a reference names: its display, else the name of the resource it resolves to. */
function whoIs(reference: unknown, context: MapContext): string | undefined {
  const display = asText(asObject(reference)?.display);
  if (display) return display;
  const target = context.bundle.resolve(reference, context.item);
  if (!target) return undefined;
  if (target.resourceType === 'PractitionerRole') return whoIs(target.practitioner, context);
  return asText(target.name) ?? humanName(preferredName(target.name));
}

/** RelatedPerson.relationship codes (HL7 v3 RoleCode / v2-0131) → a contact's role. */
const FRIEND_CODES = new Set(['FRND', 'NBOR', 'ROOM']);
const EMERGENCY_CODES = new Set(['C', 'EP']);

/** INS OIDs (Référentiel INS, ANS): INS-NIR and its test range. */
const INS_SYSTEMS = new Set(['urn:oid:1.2.250.1.213.1.4.8', 'urn:oid:1.2.250.1.213.1.4.10']);
const SEX_CODES = new Set(['female', 'male', 'other', 'unknown']);

export function mapPatient(patient: FhirObject): Mapped[] {
  const name = preferredName(patient.name);
  const given = asArray(name?.given).flatMap((g) => asText(g) ?? []);
  const ins = asObjects(patient.identifier)
    .filter((i) => INS_SYSTEMS.has(String(i.system)))
    .map((i) => normalizeIns(asText(i.value) ?? ''))
    .find((value) => insShapeIsValid(value) && insKeyIsValid(value));
  const gender = asText(patient.gender);
  const identity: Mapped = {
    type: 'identity',
    fields: {
      familyName: asText(name?.family),
      givenNames: given.length > 0 ? given.join(' ') : undefined,
      birthDate: fhirDay(patient.birthDate),
      sex: gender && SEX_CODES.has(gender) ? gender : undefined,
      ins,
    },
  };
  // Patient.contact: the people to call (next of kin, emergency contact).
  const contacts = asObjects(patient.contact).flatMap((contact, index): Mapped[] => {
    const contactName = humanName(contact.name);
    if (!contactName) return [];
    const relationship = asObjects(contact.relationship);
    const friend = relationship.some((r) => hasCoding(r, null, FRIEND_CODES));
    return [
      entry(
        'contact',
        {
          name: contactName,
          role: friend ? 'friend' : 'family',
          emergency: relationship.some((r) => hasCoding(r, null, EMERGENCY_CODES)) || undefined,
          relationship: relationship.map((r) => conceptText(r)).find(Boolean),
          phone: contactPoint(contact.telecom, 'phone'),
          email: contactPoint(contact.telecom, 'email'),
          address: addressLine(contact.address),
        },
        { part: `contact:${index}` },
      ),
    ];
  });
  return [identity, ...contacts];
}

export function mapAllergy(allergy: FhirObject): Mapped {
  if (erroneous(allergy, 'verificationStatus', 'clinicalStatus'))
    return unmapped('entered-in-error');
  if (statesAbsence(allergy.code)) return unmapped('states-absence');
  const reactions = asObjects(allergy.reaction);
  const substance =
    conceptText(allergy.code) ?? reactions.map((r) => conceptText(r.substance)).find(Boolean);
  if (!substance) return unmapped('no-name');
  const manifestations = reactions.flatMap((r) => asArray(r.manifestation).map(conceptText));
  const severities = reactions.map((r) => r.severity);
  const severity = (['severe', 'moderate', 'mild'] as const).find((s) => severities.includes(s));
  const category = asArray(allergy.category).find(
    (c) => c === 'food' || c === 'medication' || c === 'environment' || c === 'biologic',
  );
  return entry('allergy', {
    substance,
    reaction: [...new Set(manifestations.filter(Boolean))].join(', ') || undefined,
    severity,
    category,
    type: allergy.type === 'allergy' || allergy.type === 'intolerance' ? allergy.type : undefined,
    date: fhirDay(allergy.onsetDateTime) ?? fhirDay(allergy.recordedDate),
    note: noteOf(allergy),
  });
}

/** Condition.clinicalStatus → ours (active | remission | resolved). */
const CONDITION_STATUS: Record<string, string> = {
  active: 'active',
  recurrence: 'active',
  relapse: 'active',
  remission: 'remission',
  inactive: 'resolved',
  resolved: 'resolved',
};

export function mapCondition(condition: FhirObject): Mapped {
  if (erroneous(condition, 'verificationStatus')) return unmapped('entered-in-error');
  if (statesAbsence(condition.code)) return unmapped('states-absence');
  const name = conceptText(condition.code);
  if (!name) return unmapped('no-name');
  const status = codeOf(condition.clinicalStatus, null);
  return entry('condition', {
    name,
    status:
      status && Object.hasOwn(CONDITION_STATUS, status) ? CONDITION_STATUS[status] : undefined,
    startDate: fhirDay(condition.onsetDateTime) ?? fhirDay(asObject(condition.onsetPeriod)?.start),
    endDate:
      fhirDay(condition.abatementDateTime) ?? fhirDay(asObject(condition.abatementPeriod)?.end),
    note: noteOf(condition),
  });
}

/** The medicine's name: its code, or the Medication it refers to (contained or in the bundle). */
function medicationName(resource: FhirObject, context: MapContext): string | undefined {
  const inline = conceptText(resource.medicationCodeableConcept);
  if (inline) return inline;
  const reference = resource.medicationReference;
  const medication = context.bundle.resolve(reference, context.item);
  if (medication) context.bundle.consume(reference);
  return conceptText(medication?.code) ?? asText(asObject(reference)?.display);
}

function dosageText(dosage: unknown): string | undefined {
  const first = asObjects(dosage).at(0);
  if (!first) return undefined;
  const text = asText(first.text) ?? asText(first.patientInstruction);
  if (text) return text;
  const dose = asObject(asObjects(first.doseAndRate).at(0)?.doseQuantity);
  if (dose && typeof dose.value === 'number') {
    return [String(dose.value), asText(dose.unit)].filter(Boolean).join(' ');
  }
  return undefined;
}

/** MedicationStatement/MedicationRequest.status → ours; "on-hold" and "unknown" say nothing. */
const MEDICATION_STATUS: Record<string, string> = {
  active: 'active',
  intended: 'active',
  completed: 'completed',
  stopped: 'stopped',
  'not-taken': 'stopped',
};

export function mapMedicationStatement(statement: FhirObject, context: MapContext): Mapped {
  if (erroneous(statement, 'status')) return unmapped('entered-in-error');
  if (statesAbsence(statement.medicationCodeableConcept)) return unmapped('states-absence');
  const name = medicationName(statement, context);
  if (!name) return unmapped('no-name');
  const period = asObject(statement.effectivePeriod);
  const status = String(statement.status);
  return entry('medication', {
    name,
    dosage: dosageText(statement.dosage),
    reason: asArray(statement.reasonCode).map(conceptText).find(Boolean),
    prescriber: whoIs(statement.informationSource, context),
    startDate: fhirDay(statement.effectiveDateTime) ?? fhirDay(period?.start),
    endDate: fhirDay(period?.end),
    status: Object.hasOwn(MEDICATION_STATUS, status) ? MEDICATION_STATUS[status] : undefined,
    note: noteOf(statement),
  });
}

export function mapMedicationRequest(request: FhirObject, context: MapContext): Mapped {
  if (erroneous(request, 'status')) return unmapped('entered-in-error');
  const name = medicationName(request, context);
  if (!name) return unmapped('no-name');
  const validity = asObject(asObject(request.dispenseRequest)?.validityPeriod);
  const status = String(request.status);
  return entry('medication', {
    name,
    dosage: dosageText(request.dosageInstruction),
    reason: asArray(request.reasonCode).map(conceptText).find(Boolean),
    prescriber: whoIs(request.requester, context),
    startDate: fhirDay(request.authoredOn) ?? fhirDay(validity?.start),
    endDate: fhirDay(validity?.end),
    status: Object.hasOwn(MEDICATION_STATUS, status) ? MEDICATION_STATUS[status] : undefined,
    note: noteOf(request),
  });
}

export function mapImmunization(immunization: FhirObject, context: MapContext): Mapped {
  if (erroneous(immunization, 'status')) return unmapped('entered-in-error');
  if (statesAbsence(immunization.vaccineCode)) return unmapped('states-absence');
  const vaccine = conceptText(immunization.vaccineCode);
  if (!vaccine) return unmapped('no-name');
  const date = fhirDay(immunization.occurrenceDateTime) ?? fhirDay(immunization.recorded);
  if (!date) return unmapped('missing-date');
  const protocol = asObjects(immunization.protocolApplied).at(0);
  const dose = protocol?.doseNumberPositiveInt ?? protocol?.doseNumberString;
  return entry('immunization', {
    vaccine,
    date,
    dose: typeof dose === 'number' ? String(dose) : asText(dose),
    lotNumber: asText(immunization.lotNumber),
    professional: asObjects(immunization.performer)
      .map((p) => whoIs(p.actor, context))
      .find(Boolean),
    note: noteOf(immunization),
  });
}

export function mapProcedure(procedure: FhirObject, context: MapContext): Mapped {
  if (erroneous(procedure, 'status')) return unmapped('entered-in-error');
  if (statesAbsence(procedure.code)) return unmapped('states-absence');
  const name = conceptText(procedure.code);
  if (!name) return unmapped('no-name');
  const date =
    fhirDay(procedure.performedDateTime) ?? fhirDay(asObject(procedure.performedPeriod)?.start);
  if (!date) return unmapped('missing-date');
  return entry('procedure', {
    name,
    date,
    place: whoIs(procedure.location, context),
    professional: asObjects(procedure.performer)
      .map((p) => whoIs(p.actor, context))
      .find(Boolean),
    note: noteOf(procedure),
  });
}

/** Encounter.class codes of a stay (HL7 v3 ActCode): inpatient, acute, non-acute. */
const STAY_CLASSES = new Set(['IMP', 'ACUTE', 'NONAC', 'inpatient']);

export function mapEncounter(encounter: FhirObject, context: MapContext): Mapped {
  if (erroneous(encounter, 'status')) return unmapped('entered-in-error');
  const period = asObject(encounter.period);
  const reason =
    asArray(encounter.reasonCode).map(conceptText).find(Boolean) ??
    asArray(encounter.type).map(conceptText).find(Boolean);
  const place =
    asObjects(encounter.location)
      .map((l) => whoIs(l.location, context))
      .find(Boolean) ?? whoIs(encounter.serviceProvider, context);
  const classCode = asText(asObject(encounter.class)?.code);
  if (encounter.status === 'planned') {
    const start = fhirInstant(period?.start);
    if (!start) return unmapped('missing-date');
    return entry('appointment', { start, end: fhirInstant(period?.end), place, reason });
  }
  if (!classCode || !STAY_CLASSES.has(classCode)) return unmapped('not-a-stay', classCode);
  const startDate = fhirDay(period?.start);
  if (!startDate) return unmapped('missing-date');
  if (!reason) return unmapped('no-name');
  return entry('hospitalisation', { reason, place, startDate, endDate: fhirDay(period?.end) });
}

/** Consent that is an advance directive: scope "adr", or an advance-directive/DNR category. */
const DIRECTIVE_CATEGORIES = new Set(['42348-3', 'acd', 'dnr', 'polst', '75320-2']);

export function mapConsent(consent: FhirObject): Mapped {
  if (erroneous(consent, 'status')) return unmapped('entered-in-error');
  const isDirective =
    codeOf(consent.scope, null) === 'adr' ||
    asArray(consent.category).some((c) => hasCoding(c, null, DIRECTIVE_CATEGORIES));
  if (!isDirective) return unmapped('unsupported-resource', 'consent-scope');
  const provision = asObject(consent.provision);
  const texts = [
    ...asArray(provision?.code).map(conceptText),
    ...asArray(consent.category).map(conceptText),
  ].filter((text): text is string => !!text);
  const source = asObject(consent.sourceReference);
  return entry(
    'directive',
    {
      type: 'advance-directive',
      text: [...new Set(texts)].join('\n') || undefined,
      date: fhirDay(consent.dateTime),
    },
    source?.reference ? { link: { field: 'documentId', reference: String(source.reference) } } : {},
  );
}

/** FamilyMemberHistory.relationship (HL7 v3 RoleCode) → ours. */
const RELATIONSHIP: Record<string, string> = {
  MTH: 'mother',
  NMTH: 'mother',
  FTH: 'father',
  NFTH: 'father',
  SIB: 'sibling',
  NSIB: 'sibling',
  HSIB: 'sibling',
  SIS: 'sibling',
  NSIS: 'sibling',
  BRO: 'sibling',
  NBRO: 'sibling',
  TWIN: 'sibling',
  CHILD: 'child',
  NCHILD: 'child',
  SON: 'child',
  DAU: 'child',
  SONC: 'child',
  DAUC: 'child',
  GRPRN: 'grandparent',
  GRMTH: 'grandparent',
  GRFTH: 'grandparent',
  MGRMTH: 'grandparent',
  MGRFTH: 'grandparent',
  PGRMTH: 'grandparent',
  PGRFTH: 'grandparent',
  AUNT: 'aunt-uncle',
  UNCLE: 'aunt-uncle',
  MAUNT: 'aunt-uncle',
  PAUNT: 'aunt-uncle',
  MUNCLE: 'aunt-uncle',
  PUNCLE: 'aunt-uncle',
  COUSN: 'cousin',
  MCOUSN: 'cousin',
  PCOUSN: 'cousin',
};

export function mapFamilyHistory(history: FhirObject): Mapped[] {
  if (erroneous(history, 'status')) return [unmapped('entered-in-error')];
  const code = codeOf(history.relationship, null);
  const relationship = code && Object.hasOwn(RELATIONSHIP, code) ? RELATIONSHIP[code] : 'other';
  const conditions = asObjects(history.condition);
  const mapped = conditions.flatMap((condition, index): Mapped[] => {
    const name = conceptText(condition.code);
    if (!name) return [];
    const age = asObject(condition.onsetAge)?.value;
    return [
      entry(
        'family-history',
        {
          relationship,
          condition: name,
          onsetAge: typeof age === 'number' ? Math.round(age) : undefined,
          note: noteOf(condition) ?? noteOf(history),
        },
        { part: index === 0 ? '' : `condition:${index}` },
      ),
    ];
  });
  return mapped.length > 0 ? mapped : [unmapped('no-name')];
}

export function mapAppointment(appointment: FhirObject, context: MapContext): Mapped {
  if (erroneous(appointment, 'status') || appointment.status === 'noshow') {
    return unmapped('entered-in-error');
  }
  const start = fhirInstant(appointment.start);
  if (!start) return unmapped('missing-date');
  const actors = asObjects(appointment.participant).map((p) => asObject(p.actor));
  const named = (type: string) =>
    actors
      .filter((actor) => {
        const reference = asText(actor?.reference) ?? '';
        return (
          reference.includes(type) ||
          context.bundle.resolve(actor, context.item)?.resourceType === type
        );
      })
      .map((actor) => whoIs(actor, context))
      .find(Boolean);
  return entry('appointment', {
    start,
    end: fhirInstant(appointment.end),
    reason:
      asText(appointment.description) ??
      asArray(appointment.reasonCode).map(conceptText).find(Boolean) ??
      asArray(appointment.serviceType).map(conceptText).find(Boolean),
    professional: named('Practitioner'),
    place: named('Location'),
    note: asText(appointment.comment),
  });
}

export function mapRelatedPerson(person: FhirObject): Mapped {
  const name = humanName(preferredName(person.name));
  if (!name) return unmapped('no-name');
  const relationship = asArray(person.relationship);
  const friend = relationship.some((r) => hasCoding(r, null, FRIEND_CODES));
  return entry('contact', {
    name,
    role: friend ? 'friend' : relationship.length > 0 ? 'family' : 'other',
    emergency: relationship.some((r) => hasCoding(r, null, EMERGENCY_CODES)) || undefined,
    relationship: relationship.map(conceptText).find(Boolean),
    phone: contactPoint(person.telecom, 'phone'),
    email: contactPoint(person.telecom, 'email'),
    address: addressLine(asObjects(person.address).at(0)),
  });
}

/** RPPS numbers in French FHIR: system 1.2.250.1.71.4.2.1, value prefixed "8" (IDNPS). */
const RPPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';

export function mapPractitioner(practitioner: FhirObject): Mapped {
  const name = humanName(preferredName(practitioner.name));
  if (!name) return unmapped('no-name');
  const rpps = asObjects(practitioner.identifier)
    .filter((i) => i.system === RPPS_SYSTEM)
    .map((i) => (asText(i.value) ?? '').replace(/^8(?=\d{11}$)/, ''))
    .find((value) => /^\d{11}$/.test(value));
  return entry('contact', {
    name,
    role: 'other-professional',
    specialty: asObjects(practitioner.qualification)
      .map((q) => conceptText(q.code))
      .find(Boolean),
    phone: contactPoint(practitioner.telecom, 'phone'),
    email: contactPoint(practitioner.telecom, 'email'),
    address: addressLine(asObjects(practitioner.address).at(0)),
    rpps,
  });
}

// ── Documents and their attachments ─────────────────────────────────────────────────────────────

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/tiff': 'tiff',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/xml': 'xml',
  'application/xml': 'xml',
  'application/hl7-v3+xml': 'xml',
  'application/json': 'json',
  'application/fhir+json': 'json',
  'application/dicom': 'dcm',
};

/** The MIME type without parameters ("text/plain; charset=utf-8" → "text/plain"). */
function plainMime(contentType: unknown): string {
  const mime = (asText(contentType) ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[\w.+-]+\/[\w.+-]+$/.test(mime) ? mime : 'application/octet-stream';
}

function fileName(title: string | undefined, fallback: string, mime: string): string {
  const extension = EXTENSIONS[mime] ?? 'bin';
  // Characters no file system takes in a name, and control characters.
  const base =
    [...(title ?? fallback)]
      .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? ' ' : c))
      .join('')
      .trim() || fallback;
  const name = /\.[a-z0-9]{2,5}$/i.test(base) ? base : `${base}.${extension}`;
  return name.length > 255 ? `${name.slice(0, 250)}.${extension}` : name;
}

/** base64 (FHIR's base64Binary) → bytes; undefined when it is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  try {
    const binary = atob(compact);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

type AttachmentResult =
  { file: AttachmentFile } | { externalUrl: string } | { invalid: true } | { none: true };

function readAttachment(attachment: FhirObject, context: MapContext, fallbackName: string) {
  const title = asText(attachment.title);
  const data = asText(attachment.data);
  if (data) {
    const bytes = decodeBase64(data);
    if (!bytes) return { invalid: true } as const;
    const mime = plainMime(attachment.contentType);
    return { file: { bytes, mime, name: fileName(title, fallbackName, mime) } };
  }
  const url = asText(attachment.url);
  if (!url) return { none: true } as const;
  const binary = context.bundle.resolve(url, context.item);
  if (binary?.resourceType === 'Binary' && asText(binary.data)) {
    context.bundle.consume(url);
    const bytes = decodeBase64(asText(binary.data)!);
    if (!bytes) return { invalid: true } as const;
    const mime = plainMime(attachment.contentType ?? binary.contentType);
    return { file: { bytes, mime, name: fileName(title, fallbackName, mime) } };
  }
  return { externalUrl: url };
}

export function mapDocumentReference(reference: FhirObject, context: MapContext): Mapped[] {
  if (erroneous(reference, 'status', 'docStatus')) return [unmapped('entered-in-error')];
  const contents = asObjects(asObjects(reference.content).map((c) => c.attachment));
  const loinc = codeOf(reference.type, LOINC);
  const title =
    asText(reference.description) ??
    conceptText(reference.type) ??
    contents.map((a) => asText(a.title)).find(Boolean);
  if (!title) return [unmapped('no-name')];
  const date =
    fhirDay(reference.date) ??
    contents.map((a) => fhirDay(a.creation)).find(Boolean) ??
    fhirDay(asObject(asObject(reference.context)?.period)?.start);
  if (!date) return [unmapped('missing-date')];
  const fields = {
    title,
    type: (loinc && documentTypeOfLoinc(loinc)) ?? 'other',
    date,
    author: asObjects(reference.author)
      .map((a) => whoIs(a, context))
      .find(Boolean),
    confidential:
      hasCoding(asArray(reference.securityLabel).at(0), null, new Set(['R', 'V'])) || undefined,
  };
  const results: AttachmentResult[] = contents.map((attachment, index) =>
    readAttachment(attachment, context, index === 0 ? title : `${title} ${index + 1}`),
  );
  if (results.some((r) => 'invalid' in r)) return [unmapped('invalid-attachment')];
  const files = results.flatMap((r) => ('file' in r ? [r.file] : []));
  const externalUrl = results.flatMap((r) => ('externalUrl' in r ? [r.externalUrl] : [])).at(0);
  if (files.length === 0) return [entry('document', fields, externalUrl ? { externalUrl } : {})];
  return files.map((file, index) =>
    entry('document', fields, {
      file,
      part: index === 0 ? '' : `content:${index}`,
      ...(index === 0 && externalUrl ? { externalUrl } : {}),
    }),
  );
}

/** A Binary no DocumentReference points to: a document of its own, named after its id. */
export function mapBinary(binary: FhirObject, day: string | undefined): Mapped {
  const data = asText(binary.data);
  if (!data) return unmapped('invalid-attachment');
  const bytes = decodeBase64(data);
  if (!bytes) return unmapped('invalid-attachment');
  const mime = plainMime(binary.contentType);
  const name = fileName(undefined, `binary-${asText(binary.id) ?? 'file'}`, mime);
  const date = fhirDay(asObject(binary.meta)?.lastUpdated) ?? day;
  if (!date) return unmapped('missing-date');
  return entry('document', { title: name, type: 'other', date }, { file: { bytes, name, mime } });
}
