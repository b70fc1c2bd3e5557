/**
 * The words of a reminder. In the app (unlocked) it says everything the agenda says. As a system
 * notification it may be read on a locked phone by anyone nearby, so it says only that there is
 * an appointment and when: not with whom, where or why, which could reveal an illness.
 */
import { optionKey, type Translate } from '../record/entry-display';
import { REMINDER_MINUTES } from '../record/entry-fields';
import { formatMinutes } from '../format';
import type { Locale } from '../i18n/locale';
import { daysFromToday, formatTime, localDayOf, type Appointment } from './agenda-days';

/** "aujourd'hui à 14:30", "demain à 14:30", "le mardi 4 mars à 14:30". */
export function appointmentWhen(start: number, now: number, locale: Locale, t: Translate): string {
  const time = formatTime(start, locale);
  const days = daysFromToday(localDayOf(start), now);
  if (days === 0) return t('reminder.today', { time });
  if (days === 1) return t('reminder.tomorrow', { time });
  const day = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(start);
  return t('reminder.onDay', { day, time });
}

/** A system notification's title and body: the time only, nothing about the visit itself. */
export function notificationText(
  start: number,
  now: number,
  locale: Locale,
  t: Translate,
): { title: string; body: string } {
  return {
    title: t('reminder.notificationTitle'),
    body: t('reminder.notificationBody', { when: appointmentWhen(start, now, locale, t) }),
  };
}

/** How long before an appointment its reminder falls, in words ("La veille"). */
export function reminderLabel(minutes: number, locale: Locale, t: Translate): string {
  const code = String(minutes);
  if ((REMINDER_MINUTES as readonly string[]).includes(code)) return t(optionKey('reminder', code));
  return t('reminder.before', { duration: formatMinutes(minutes, locale) });
}

/** The in-app reminder: when, with whom, where (each only if known). */
export function reminderDetails(appointment: Appointment): string[] {
  return [appointment.professional, appointment.place, appointment.reason].filter(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
}
