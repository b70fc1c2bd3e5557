/**
 * Words the search matches for coded values, in French and English: a measurement stored as
 * "blood-pressure" is found by "tension", a contact with role "gp" by "médecin traitant". The UI
 * has its own translations for display; these only need to be what people type.
 */
import type { EntryKind } from './kinds';

export const KIND_WORDS: Record<EntryKind, string> = {
  document: 'document',
  medication: 'traitement médicament medication treatment',
  condition: 'maladie antécédent condition',
  procedure: 'opération intervention acte procedure surgery',
  hospitalisation: 'hospitalisation hôpital séjour hospitalization hospital stay',
  allergy: 'allergie allergy',
  immunization: 'vaccination vaccin immunization vaccine',
  measurement: 'mesure measurement',
  lifestyle: 'habitude vie lifestyle habit',
  'family-history': 'antécédent familial family history',
  appointment: 'rendez-vous agenda appointment',
  contact: 'contact',
  directive: 'directive',
};

/** The coded fields of each kind; their values are looked up in CODE_WORDS. */
export const CODED_FIELDS: Partial<Record<EntryKind, readonly string[]>> = {
  document: ['type'],
  measurement: ['type'],
  lifestyle: ['topic'],
  'family-history': ['relationship'],
  contact: ['role'],
  directive: ['type'],
};

export const CODE_WORDS: Record<string, string> = {
  // Document types.
  prescription: 'ordonnance prescription',
  'lab-result': 'résultats analyses biologie laboratoire lab results laboratory',
  imaging: 'imagerie radiologie radio échographie scanner irm imaging radiology',
  report: 'compte rendu report',
  letter: 'lettre courrier letter',
  certificate: 'certificat certificate',
  'vaccination-certificate': 'certificat vaccination certificate',
  // Measurements.
  weight: 'poids weight',
  height: 'taille height',
  'blood-pressure': 'tension artérielle pression blood pressure',
  'heart-rate': 'fréquence cardiaque pouls heart rate pulse',
  glucose: 'glycémie glucose sucre sugar',
  temperature: 'température fièvre temperature fever',
  spo2: 'saturation oxygène spo2 oxygen',
  // Lifestyle.
  tobacco: 'tabac cigarette tobacco smoking',
  alcohol: 'alcool alcohol',
  activity: 'activité physique sport physical activity exercise',
  // Family.
  mother: 'mère maman mother',
  father: 'père papa father',
  sibling: 'frère sœur sibling brother sister',
  child: 'enfant fils fille child son daughter',
  grandparent: 'grand-parent grand-mère grand-père grandparent grandmother grandfather',
  'aunt-uncle': 'oncle tante uncle aunt',
  cousin: 'cousin cousine',
  // Contacts.
  family: 'famille family',
  friend: 'ami amie friend',
  'trusted-person': 'personne de confiance trusted person',
  gp: 'médecin traitant généraliste gp general practitioner doctor',
  specialist: 'spécialiste specialist',
  'other-professional': 'professionnel santé health professional',
  // Directives.
  'advance-directive': 'directives anticipées advance directive',
  'organ-donation': "don d'organes organ donation",
};

/** An emergency contact is found by these. */
export const EMERGENCY_WORDS = 'urgence emergency';
