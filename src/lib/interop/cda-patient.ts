/**
 * Whose document it is: the patient of a CDA's recordTarget, and whether that is the person
 * whose record receives it. CI-SIS names the patient as on the identity document (nom et
 * prénoms de naissance, qualifier BR) and by the names they use (CL); the INS is an `id` whose
 * root is one of the INS OIDs (Référentiel INS, ANS; CI-SIS "Volet Structuration minimale").
 */
import type { Element } from '@xmldom/xmldom';
import type { Identity } from '../record';
import { attr, child, children, textOf } from './cda-dom';

/**
 * INS-NIR, INS-NIA and their test counterparts (1.2.250.1.213.1.4.8/.9/.10/.11). Other `id`s
 * of the patientRole are a hospital's own numbers (IPP) and say nothing across documents.
 */
const INS_ROOTS = new Set([
  '1.2.250.1.213.1.4.8',
  '1.2.250.1.213.1.4.9',
  '1.2.250.1.213.1.4.10',
  '1.2.250.1.213.1.4.11',
]);

/** HL7 v3 AdministrativeGender; UN is "undifferentiated". */
const SEX_CODES = { F: 'female', M: 'male', UN: 'other' } as const;

export type CdaPatient = {
  /** Nom de naissance (family qualifier BR, else the first family name). */
  familyName: string | null;
  /** Every family name the document gives (birth name, used name), each once. */
  familyNames: string[];
  /** Prénoms de naissance, as written ("DOMINIQUE MARIE-LOUISE"). */
  givenNames: string | null;
  /** Premier prénom de naissance (given qualifier BR), else the first of givenNames. */
  firstGivenName: string | null;
  /** YYYY-MM-DD when the document gives a full date of birth. */
  birthDate: string | null;
  sex: 'female' | 'male' | 'other' | null;
  /** The INS matricule (15 characters), when the document carries one. */
  ins: string | null;
};

export function readPatient(clinicalDocument: Element): CdaPatient {
  const role = child(clinicalDocument, 'recordTarget/patientRole');
  const patient = child(role, 'patient');
  const name = child(patient, 'name');
  const parts = (part: string) => (name ? children(name, part) : []);
  const qualified = (elements: Element[], qualifier: string) =>
    elements.find((element) => (attr(element, 'qualifier') ?? '').split(/\s+/).includes(qualifier));

  const families = parts('family');
  const givens = parts('given');
  const familyName = textOf(qualified(families, 'BR') ?? families[0]);
  const givenNames = textOf(
    givens.find((given) => attr(given, 'qualifier') === null) ??
      qualified(givens, 'BR') ??
      givens[0],
  );
  const firstGivenName = textOf(qualified(givens, 'BR')) ?? givenNames?.split(' ')[0] ?? null;

  const birth = /^(\d{4})(\d{2})(\d{2})/.exec(attr(child(patient, 'birthTime'), 'value') ?? '');
  const sexCode = attr(child(patient, 'administrativeGenderCode'), 'code') ?? '';
  const insId = role
    ? children(role, 'id').find((id) => INS_ROOTS.has(attr(id, 'root') ?? ''))
    : undefined;

  return {
    familyName,
    familyNames: [...new Set(families.map(textOf).filter((n): n is string => n !== null))],
    givenNames,
    firstGivenName,
    birthDate: birth ? `${birth[1]}-${birth[2]}-${birth[3]}` : null,
    sex: Object.hasOwn(SEX_CODES, sexCode) ? SEX_CODES[sexCode as keyof typeof SEX_CODES] : null,
    ins: attr(insId, 'extension')?.replace(/\s/g, '').toUpperCase() ?? null,
  };
}

export type PatientField = 'ins' | 'familyName' | 'givenNames' | 'birthDate' | 'sex';

/**
 * `match`: every field both sides give agrees (`compared` lists them). `mismatch`: some differ
 * (`fields`), the UI warns before importing. `unknown`: no field can be compared (the profile's
 * identity is empty, or the document gives none of the same fields).
 */
export type PatientComparison =
  | { result: 'match'; compared: PatientField[] }
  | { result: 'mismatch'; fields: PatientField[] }
  | { result: 'unknown' };

/** "Pat-Trois  Héloïse" → "PAT TROIS HELOISE": case, accents, hyphens and spacing set aside. */
function normalName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Compares the document's patient with the profile's identity. Names are compared as people
 * write them: a profile that gives only the first given name agrees with a document that lists
 * them all, and the family name agrees with the birth name or a used name.
 */
export function comparePatient(patient: CdaPatient, identity: Identity): PatientComparison {
  const compared: PatientField[] = [];
  const differing: PatientField[] = [];
  const check = (field: PatientField, same: boolean | null) => {
    if (same === null) return;
    compared.push(field);
    if (!same) differing.push(field);
  };

  check('ins', patient.ins && identity.ins ? patient.ins === identity.ins : null);
  check(
    'familyName',
    patient.familyNames.length > 0 && identity.familyName
      ? patient.familyNames.some((name) => normalName(name) === normalName(identity.familyName!))
      : null,
  );
  const documentFirst = patient.firstGivenName ? normalName(patient.firstGivenName) : '';
  // The first given name as typed ("Marie-Louise Anne" → "MARIE LOUISE"), hyphen and all.
  const profileFirst = identity.givenNames
    ? normalName(identity.givenNames.trim().split(/[\s,]+/)[0]!)
    : '';
  check('givenNames', documentFirst && profileFirst ? documentFirst === profileFirst : null);
  check(
    'birthDate',
    patient.birthDate && identity.birthDate ? patient.birthDate === identity.birthDate : null,
  );
  check(
    'sex',
    patient.sex && identity.sex && identity.sex !== 'unknown' ? patient.sex === identity.sex : null,
  );

  if (compared.length === 0) return { result: 'unknown' };
  return differing.length > 0
    ? { result: 'mismatch', fields: differing }
    : { result: 'match', compared };
}
