/**
 * Entries → FHIR R4 resources (DESIGN §2's table, read the other way). Each resource carries the
 * standard elements other software reads and, for Carnet's own re-import, the entry's id
 * (identifier) and its fields as stored (extension): see _carnet-fhir.ts.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  DOCUMENT_TYPES,
  MEASUREMENT_TYPES,
  isEntryKind,
  type DocumentType,
  type Entry,
  type Identity,
  type MeasurementType,
} from '../record';
import { RESERVED_FIELDS } from '../record/kinds';
import { CARNET_ENTRY_EXTENSION, CARNET_ENTRY_ID_SYSTEM } from './_carnet-fhir';
import { LOINC, SNOMED, UCUM, type FhirObject } from './_fhir-json';
import { BLOOD_GROUP_OF_SNOMED, DIASTOLIC, SYSTOLIC } from './_fhir-observation';

/** A UUID (RFC 9562 version 8, name-based) from a text: the same entry keeps the same fullUrl. */
export function uuidOf(text: string): string {
  const hex = bytesToHex(sha256(utf8ToBytes(text)))
    .slice(0, 32)
    .split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const PATIENT_URL = `urn:uuid:${uuidOf('carnet:patient')}`;
const patientRef = { reference: PATIENT_URL };

export const urlOfEntry = (id: string) => `urn:uuid:${uuidOf(`carnet:entry:${id}`)}`;
export const urlOfFile = (fileId: string) => `urn:uuid:${uuidOf(`carnet:file:${fileId}`)}`;

const text = (value: unknown) => (typeof value === 'string' ? { text: value } : undefined);
const display = (value: unknown) => (typeof value === 'string' ? { display: value } : undefined);
const notes = (entry: Entry) =>
  typeof entry.note === 'string' ? [{ text: entry.note }] : undefined;
/** DocumentReference.date is an instant: a day is written as its start, in UTC. */
const instantOfDay = (day: unknown) => (typeof day === 'string' ? `${day}T00:00:00Z` : undefined);

/** JSON without undefined members (FHIR forbids empty elements). */
function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function carnetMarks(entry: Entry): FhirObject {
  const fields = Object.fromEntries(
    Object.entries(entry).filter(([field]) => !RESERVED_FIELDS.has(field)),
  );
  return {
    identifier: [{ system: CARNET_ENTRY_ID_SYSTEM, value: entry.id }],
    extension: [
      {
        url: CARNET_ENTRY_EXTENSION,
        valueString: JSON.stringify({ kind: entry.kind, fields }),
      },
    ],
  };
}

const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const TOBACCO_SNOMED = { never: '266919005', former: '8517006', current: '77176002' };
const RELATIONSHIP_CODES: Record<string, string> = {
  mother: 'MTH',
  father: 'FTH',
  sibling: 'SIB',
  child: 'CHILD',
  grandparent: 'GRPRN',
  'aunt-uncle': 'EXT',
  cousin: 'COUSN',
  other: 'FAMMEMB',
};
const PROFESSIONAL_ROLES = new Set(['gp', 'specialist', 'other-professional']);

function telecom(entry: Entry) {
  const points = [
    typeof entry.phone === 'string' ? { system: 'phone', value: entry.phone } : undefined,
    typeof entry.email === 'string' ? { system: 'email', value: entry.email } : undefined,
  ].filter(Boolean);
  return points.length > 0 ? points : undefined;
}

function measurementResource(entry: Entry): FhirObject {
  const type = entry.type as MeasurementType;
  const loinc = MEASUREMENT_TYPES[type]?.loinc;
  const quantity = (value: unknown) => ({
    value,
    unit: entry.unit,
    system: UCUM,
    code: entry.unit,
  });
  const base = {
    resourceType: 'Observation',
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: 'vital-signs',
          },
        ],
      },
    ],
    code: { coding: [{ system: LOINC, code: loinc }], text: type },
    subject: patientRef,
    effectiveDateTime: entry.date,
    note: notes(entry),
  };
  if (type === 'blood-pressure') {
    return {
      ...base,
      component: [
        {
          code: { coding: [{ system: LOINC, code: SYSTOLIC }] },
          valueQuantity: quantity(entry.systolic),
        },
        {
          code: { coding: [{ system: LOINC, code: DIASTOLIC }] },
          valueQuantity: quantity(entry.diastolic),
        },
      ],
    };
  }
  return { ...base, valueQuantity: quantity(entry.value) };
}

function lifestyleResource(entry: Entry): FhirObject {
  const loinc = { tobacco: '72166-2', alcohol: '11331-6', activity: '68516-4' }[
    String(entry.topic)
  ];
  const status = String(entry.status);
  const snomed =
    entry.topic === 'tobacco' && Object.hasOwn(TOBACCO_SNOMED, status)
      ? TOBACCO_SNOMED[status as keyof typeof TOBACCO_SNOMED]
      : undefined;
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: 'social-history',
          },
        ],
      },
    ],
    code: { coding: [{ system: LOINC, code: loinc }], text: entry.topic },
    subject: patientRef,
    effectiveDateTime: entry.date,
    valueCodeableConcept: snomed
      ? { coding: [{ system: SNOMED, code: snomed }], text: status }
      : undefined,
    valueString: snomed ? undefined : (entry.detail ?? entry.status),
    note: notes(entry),
  };
}

/** The standard resource for an entry, without Carnet's marks. */
function standardResource(
  entry: Entry,
  documentUrl: (id: string) => string | undefined,
): FhirObject {
  switch (entry.kind) {
    case 'document': {
      const type = DOCUMENT_TYPES[entry.type as DocumentType];
      return {
        resourceType: 'DocumentReference',
        status: 'current',
        type: type && { coding: [{ system: LOINC, code: type.loinc, display: type.display }] },
        subject: patientRef,
        date: instantOfDay(entry.date),
        author: entry.author ? [display(entry.author)] : undefined,
        description: entry.title,
        securityLabel: entry.confidential
          ? [
              {
                coding: [
                  { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' },
                ],
              },
            ]
          : undefined,
        content: [
          {
            attachment: {
              contentType: entry.mime ?? 'text/plain',
              url: typeof entry.fileId === 'string' ? urlOfFile(entry.fileId) : undefined,
              title: entry.name,
              size: entry.size,
              creation: entry.date,
            },
          },
        ],
      };
    }
    case 'medication':
      return {
        resourceType: 'MedicationStatement',
        status: entry.status ?? 'active',
        medicationCodeableConcept: text(entry.name),
        subject: patientRef,
        effectivePeriod:
          entry.startDate || entry.endDate
            ? { start: entry.startDate, end: entry.endDate }
            : undefined,
        informationSource: display(entry.prescriber),
        reasonCode: entry.reason ? [text(entry.reason)] : undefined,
        dosage: entry.dosage ? [text(entry.dosage)] : undefined,
        note: notes(entry),
      };
    case 'condition':
      return {
        resourceType: 'Condition',
        clinicalStatus: {
          coding: [{ system: CONDITION_CLINICAL, code: entry.status ?? 'active' }],
        },
        code: text(entry.name),
        subject: patientRef,
        onsetDateTime: entry.startDate,
        abatementDateTime: entry.endDate,
        note: notes(entry),
      };
    case 'procedure':
      return {
        resourceType: 'Procedure',
        status: 'completed',
        code: text(entry.name),
        subject: patientRef,
        performedDateTime: entry.date,
        location: display(entry.place),
        performer: entry.professional ? [{ actor: display(entry.professional) }] : undefined,
        note: notes(entry),
      };
    case 'hospitalisation':
      return {
        resourceType: 'Encounter',
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
        subject: patientRef,
        period: { start: entry.startDate, end: entry.endDate },
        reasonCode: [text(entry.reason)],
        serviceProvider: display(entry.place),
      };
    case 'allergy':
      return {
        resourceType: 'AllergyIntolerance',
        clinicalStatus: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
              code: 'active',
            },
          ],
        },
        type: entry.type,
        category: entry.category ? [entry.category] : undefined,
        code: text(entry.substance),
        patient: patientRef,
        onsetDateTime: entry.date,
        reaction: entry.reaction
          ? [{ manifestation: [text(entry.reaction)], severity: entry.severity }]
          : undefined,
        note: notes(entry),
      };
    case 'immunization':
      return {
        resourceType: 'Immunization',
        status: 'completed',
        vaccineCode: text(entry.vaccine),
        patient: patientRef,
        occurrenceDateTime: entry.date,
        lotNumber: entry.lotNumber,
        performer: entry.professional ? [{ actor: display(entry.professional) }] : undefined,
        protocolApplied: entry.dose ? [{ doseNumberString: entry.dose }] : undefined,
        note: notes(entry),
      };
    case 'measurement':
      return measurementResource(entry);
    case 'lifestyle':
      return lifestyleResource(entry);
    case 'family-history':
      return {
        resourceType: 'FamilyMemberHistory',
        status: 'completed',
        patient: patientRef,
        relationship: {
          coding: [{ system: ROLE_CODE, code: RELATIONSHIP_CODES[String(entry.relationship)] }],
        },
        condition: [
          {
            code: text(entry.condition),
            onsetAge:
              typeof entry.onsetAge === 'number'
                ? { value: entry.onsetAge, unit: 'a', system: UCUM, code: 'a' }
                : undefined,
          },
        ],
        note: notes(entry),
      };
    case 'appointment':
      return {
        resourceType: 'Appointment',
        status: 'booked',
        description: entry.reason,
        start: entry.start,
        end: entry.end,
        comment: entry.note,
        participant: [
          { actor: patientRef, status: 'accepted' },
          ...(entry.professional
            ? [{ actor: display(entry.professional), status: 'accepted' }]
            : []),
          ...(entry.place ? [{ actor: display(entry.place), status: 'accepted' }] : []),
        ],
      };
    case 'contact': {
      const common = {
        name: [{ text: entry.name }],
        telecom: telecom(entry),
        address: entry.address ? [{ text: entry.address }] : undefined,
      };
      if (PROFESSIONAL_ROLES.has(String(entry.role))) {
        return {
          resourceType: 'Practitioner',
          ...common,
          qualification: entry.specialty ? [{ code: text(entry.specialty) }] : undefined,
        };
      }
      const codes = [
        entry.role === 'friend' ? 'FRND' : 'FAMMEMB',
        ...(entry.emergency ? ['C'] : []),
      ];
      return {
        resourceType: 'RelatedPerson',
        patient: patientRef,
        relationship: [
          {
            coding: codes.map((code) => ({
              system: code === 'C' ? 'http://terminology.hl7.org/CodeSystem/v2-0131' : ROLE_CODE,
              code,
            })),
            text: entry.relationship,
          },
        ],
        ...common,
      };
    }
    case 'directive':
      return {
        resourceType: 'Consent',
        status: 'active',
        scope: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/consentscope',
              code: entry.type === 'advance-directive' ? 'adr' : 'treatment',
            },
          ],
        },
        category: [
          entry.type === 'advance-directive'
            ? { coding: [{ system: LOINC, code: '42348-3', display: 'Advance directives' }] }
            : { text: 'organ-donation' },
        ],
        patient: patientRef,
        dateTime: entry.date,
        sourceReference:
          typeof entry.documentId === 'string' && documentUrl(entry.documentId)
            ? { reference: documentUrl(entry.documentId) }
            : undefined,
        provision: entry.text
          ? { code: [text(entry.text)] }
          : entry.choice
            ? { type: entry.choice === 'consents' ? 'permit' : 'deny' }
            : undefined,
      };
  }
}

/** The resource for an entry, marked as Carnet's, with the fullUrl it is found by. */
export function entryResource(
  entry: Entry,
  documentUrl: (id: string) => string | undefined,
): { fullUrl: string; resource: FhirObject } | null {
  if (!isEntryKind(entry.kind)) return null;
  const resource = { ...standardResource(entry, documentUrl), ...carnetMarks(entry) };
  const id = uuidOf(`carnet:entry:${entry.id}`);
  return { fullUrl: urlOfEntry(entry.id), resource: clean({ ...resource, id }) };
}

const INS_SYSTEM = 'urn:oid:1.2.250.1.213.1.4.8';

export function patientResource(identity: Identity): { fullUrl: string; resource: FhirObject } {
  const name =
    identity.familyName || identity.givenNames
      ? [
          {
            use: 'official',
            family: identity.familyName,
            given: identity.givenNames ? [identity.givenNames] : undefined,
          },
        ]
      : undefined;
  return {
    fullUrl: PATIENT_URL,
    resource: clean({
      resourceType: 'Patient',
      id: PATIENT_URL.slice('urn:uuid:'.length),
      identifier: identity.ins ? [{ system: INS_SYSTEM, value: identity.ins }] : undefined,
      name,
      gender: identity.sex,
      birthDate: identity.birthDate,
    }),
  };
}

/** The blood group as an ABO/Rh Observation (LOINC 882-1, SNOMED CT finding). */
export function bloodGroupResource(
  bloodGroup: string | undefined,
): { fullUrl: string; resource: FhirObject } | null {
  const snomed = Object.keys(BLOOD_GROUP_OF_SNOMED).find(
    (code) => BLOOD_GROUP_OF_SNOMED[code] === bloodGroup,
  );
  if (!snomed) return null;
  const fullUrl = `urn:uuid:${uuidOf('carnet:blood-group')}`;
  return {
    fullUrl,
    resource: {
      resourceType: 'Observation',
      id: fullUrl.slice('urn:uuid:'.length),
      status: 'final',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/observation-category',
              code: 'laboratory',
            },
          ],
        },
      ],
      code: {
        coding: [{ system: LOINC, code: '882-1', display: 'ABO and Rh group [Type] in Blood' }],
      },
      subject: patientRef,
      valueCodeableConcept: { coding: [{ system: SNOMED, code: snomed }], text: bloodGroup },
    },
  };
}
