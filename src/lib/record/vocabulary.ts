/**
 * The coded values of the record: what an entry may say in a closed list. Codes are stable
 * identifiers stored in the Y.Doc; the UI translates them (lib/ holds no English or French
 * sentences). Where a code comes from a terminology, it is cited beside it.
 */

/**
 * Document types (FHIR DocumentReference.type), each with a LOINC document code. Codes are the
 * ones France's CI-SIS/DMP uses for the same documents (ANS terminology TRE_A04-Loinc, with its
 * French labels quoted), so a Mon espace santé export or a CDA import maps without translation.
 */
export const DOCUMENT_TYPES = {
  /** "Prescription for medication" — ANS: "Prescription de produits de santé". */
  prescription: { loinc: '57833-6', display: 'Prescription for medication' },
  /** "Laboratory report" — ANS: "CR d'examens biologiques". */
  'lab-result': { loinc: '11502-2', display: 'Laboratory report' },
  /** "Diagnostic imaging study" — ANS: "CR d'imagerie médicale". */
  imaging: { loinc: '18748-4', display: 'Diagnostic imaging study' },
  /**
   * "Summary of episode note" — ANS: "Synthèse d'épisode de soins". Not 11506-3 "Progress note":
   * ANS reserves that one for follow-up notes by nurses and other allied professionals
   * ("CR ou fiche de suivi de soins par auxiliaire médical"), not a doctor's report.
   */
  report: { loinc: '34133-9', display: 'Summary of episode note' },
  /** "Letter" (LOINC Document Ontology kind of document). */
  letter: { loinc: '51852-2', display: 'Letter' },
  /** ANS: "Certificat médical". */
  certificate: { loinc: '89601-9', display: 'Medical certificate' },
  /** "Immunization summary report": the type of WHO DDCC:VS vaccination certificates. */
  'vaccination-certificate': { loinc: '82593-5', display: 'Immunization summary report' },
  /** "Note": LOINC's most general document code, for what fits no other type. */
  other: { loinc: '34109-9', display: 'Note' },
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_TYPE_CODES = Object.keys(DOCUMENT_TYPES) as DocumentType[];

/** The document type a LOINC code stands for, if it is one of ours. */
export function documentTypeOfLoinc(loinc: string): DocumentType | null {
  return DOCUMENT_TYPE_CODES.find((type) => DOCUMENT_TYPES[type].loinc === loinc) ?? null;
}

/** A unit (UCUM code, as FHIR Quantity.code wants) and the values a human body can show in it. */
export type UnitRange = { min: number; max: number };

/**
 * Measurements (FHIR vital-signs Observation), each with its LOINC code and its allowed UCUM
 * units. The ranges reject typing slips ("720 kg", "37 °F"), not unusual patients: they are
 * wider than anything a living person shows.
 */
export const MEASUREMENT_TYPES = {
  weight: {
    loinc: '29463-7',
    units: { kg: { min: 0.2, max: 500 }, '[lb_av]': { min: 0.5, max: 1100 } },
  },
  height: { loinc: '8302-2', units: { cm: { min: 20, max: 280 }, '[in_i]': { min: 8, max: 110 } } },
  /** A panel: systolic (8480-6) and diastolic (8462-4), never a single value. */
  'blood-pressure': { loinc: '85354-9', units: { 'mm[Hg]': { min: 20, max: 300 } } },
  'heart-rate': { loinc: '8867-4', units: { '/min': { min: 20, max: 300 } } },
  /** France reports glycaemia in g/L; mmol/L and mg/dL come from meters and other countries. */
  glucose: {
    loinc: '2339-0',
    units: {
      'g/L': { min: 0.1, max: 11 },
      'mmol/L': { min: 0.5, max: 60 },
      'mg/dL': { min: 10, max: 1100 },
    },
  },
  temperature: {
    loinc: '8310-5',
    units: { Cel: { min: 25, max: 45 }, '[degF]': { min: 77, max: 113 } },
  },
  spo2: { loinc: '59408-5', units: { '%': { min: 50, max: 100 } } },
} as const satisfies Record<string, { loinc: string; units: Record<string, UnitRange> }>;
export type MeasurementType = keyof typeof MEASUREMENT_TYPES;
export const MEASUREMENT_TYPE_CODES = Object.keys(MEASUREMENT_TYPES) as MeasurementType[];
/** Blood pressure components, in mm[Hg]. */
export const SYSTOLIC_RANGE: UnitRange = { min: 40, max: 300 };
export const DIASTOLIC_RANGE: UnitRange = { min: 20, max: 200 };

/** The range a measurement type allows in a unit, or null if the unit is not one of its units. */
export function rangeFor(type: MeasurementType, unit: string): UnitRange | null {
  const units: Record<string, UnitRange> = MEASUREMENT_TYPES[type].units;
  return Object.hasOwn(units, unit) ? units[unit]! : null;
}

/** FHIR AllergyIntolerance.reaction.severity. */
export const ALLERGY_SEVERITIES = ['mild', 'moderate', 'severe'] as const;
/** FHIR AllergyIntolerance.category. */
export const ALLERGY_CATEGORIES = ['food', 'medication', 'environment', 'biologic'] as const;
/** FHIR AllergyIntolerance.type. */
export const ALLERGY_TYPES = ['allergy', 'intolerance'] as const;

/** FHIR MedicationStatement.status, the values a patient uses. Absent means active. */
export const MEDICATION_STATUSES = ['active', 'completed', 'stopped'] as const;
/** FHIR Condition.clinicalStatus, the values a patient uses. Absent means active. */
export const CONDITION_STATUSES = ['active', 'remission', 'resolved'] as const;

/** Social history topics (Observation category social-history) and the statuses each allows. */
export const LIFESTYLE_STATUSES = {
  tobacco: ['never', 'former', 'current'],
  alcohol: ['never', 'former', 'current'],
  activity: ['sedentary', 'moderate', 'active'],
} as const;
export type LifestyleTopic = keyof typeof LIFESTYLE_STATUSES;
export const LIFESTYLE_TOPICS = Object.keys(LIFESTYLE_STATUSES) as LifestyleTopic[];
export const LIFESTYLE_STATUS_CODES = [...new Set(Object.values(LIFESTYLE_STATUSES).flat())];

/** FamilyMemberHistory.relationship, simplified from HL7 v3 RoleCode. */
export const FAMILY_RELATIONSHIPS = [
  'mother',
  'father',
  'sibling',
  'child',
  'grandparent',
  'aunt-uncle',
  'cousin',
  'other',
] as const;

/**
 * Who a contact is for the patient. "trusted-person" is the French personne de confiance
 * (Code de la santé publique L1111-6); "gp" is the médecin traitant.
 */
export const CONTACT_ROLES = [
  'family',
  'friend',
  'trusted-person',
  'gp',
  'specialist',
  'other-professional',
  'other',
] as const;

/** FHIR Consent scopes the record holds. */
export const DIRECTIVE_TYPES = ['advance-directive', 'organ-donation'] as const;
/** France presumes consent; a refusal may be whole or partial (Registre national des refus). */
export const ORGAN_DONATION_CHOICES = ['consents', 'refuses', 'refuses-partly'] as const;

/** FHIR Patient.gender (administrative gender). */
export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
/** ABO and RhD. */
export const BLOOD_GROUPS = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const;
