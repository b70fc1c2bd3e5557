/** The words of the emergency card (lib/interop), in the language the app is shown in. */
import type { EmergencyCardLabels, EmergencyField } from '../../lib/interop/emergency-card';
import type { Locale, MessageKey } from '../i18n/locale';

type Translate = (key: MessageKey) => string;

export const fieldLabelKey = (field: EmergencyField): MessageKey => `emergency.field.${field}`;

/** A day written out ("12 mars 1980", "Mar 12, 1980"): never 03/12 vs 12/03 across borders. */
function dayFormat(locale: Locale): (day: string) => string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return (day) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
    if (!match) return day;
    return format.format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  };
}

export function emergencyCardLabels(t: Translate, locale: Locale): EmergencyCardLabels {
  return {
    title: t('emergency.card.title'),
    headings: {
      'blood-group': t('emergency.field.blood-group'),
      allergies: t('emergency.field.allergies'),
      treatments: t('emergency.field.treatments'),
      conditions: t('emergency.field.conditions'),
      'emergency-contacts': t('emergency.field.emergency-contacts'),
      'trusted-person': t('emergency.field.trusted-person'),
      directives: t('emergency.field.directives'),
      'organ-donation': t('emergency.field.organ-donation'),
    },
    colon: t('emergency.card.colon'),
    birthDate: t('emergency.card.birthDate'),
    severity: {
      mild: t('emergency.card.severity.mild'),
      moderate: t('emergency.card.severity.moderate'),
      severe: t('emergency.card.severity.severe'),
    },
    organDonation: {
      consents: t('emergency.card.donation.consents'),
      refuses: t('emergency.card.donation.refuses'),
      'refuses-partly': t('emergency.card.donation.refuses-partly'),
    },
    directiveInDocument: t('emergency.card.directiveInDocument'),
    updated: t('emergency.card.updated'),
    date: dayFormat(locale),
  };
}
