/**
 * The agenda's order: what is coming, day by day in the device's time zone, then what is past,
 * most recent first. Appointments store their start as a UTC instant; a "day" is the local one.
 */
import type { EntryOf } from '../../lib/record';
import type { Locale } from '../i18n/locale';

export type Appointment = EntryOf<'appointment'>;

export type AgendaDay = {
  /** The local calendar day, `YYYY-MM-DD`. */
  day: string;
  appointments: Appointment[];
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of an instant (ms), as `YYYY-MM-DD`. */
export function localDayOf(time: number): string {
  const date = new Date(time);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** When an appointment starts, in ms; NaN when it has no readable start. */
export function startOf(appointment: Appointment): number {
  return typeof appointment.start === 'string' ? Date.parse(appointment.start) : NaN;
}

/** Appointments (already in order) in runs of the same local day. */
export function groupByDay(appointments: readonly Appointment[]): AgendaDay[] {
  const days: AgendaDay[] = [];
  for (const appointment of appointments) {
    const time = startOf(appointment);
    if (Number.isNaN(time)) continue;
    const day = localDayOf(time);
    const last = days.at(-1);
    if (last?.day === day) last.appointments.push(appointment);
    else days.push({ day, appointments: [appointment] });
  }
  return days;
}

/** The appointments that are not upcoming, most recent start first. */
export function pastAppointments(
  all: readonly Appointment[],
  upcoming: readonly Appointment[],
): Appointment[] {
  const coming = new Set(upcoming.map((appointment) => appointment.id));
  return all
    .filter((appointment) => !coming.has(appointment.id) && !Number.isNaN(startOf(appointment)))
    .sort((a, b) => startOf(b) - startOf(a));
}

/** Every appointment with a readable start, soonest first (for "export all"). */
export function chronological(all: readonly Appointment[]): Appointment[] {
  return all
    .filter((appointment) => !Number.isNaN(startOf(appointment)))
    .sort((a, b) => startOf(a) - startOf(b));
}

/** Days from today to `day` (0 today, 1 tomorrow, -1 yesterday), by the local calendar. */
export function daysFromToday(day: string, now: number): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const today = new Date(now);
  // Noon to noon: a daylight-saving change never makes a day 23 or 25 hours "long" here.
  const from = new Date(today.getFullYear(), today.getMonth(), today.getDate(), 12);
  const to = new Date(y, m - 1, d, 12);
  return Math.round((to.getTime() - from.getTime()) / 86_400_000);
}

/** "mardi 4 mars 2025" in the user's language. */
export function formatLongDay(day: string, locale: Locale): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full' }).format(new Date(y, m - 1, d));
}

/** "14:30" (or "2:30 PM") in the device's time zone. */
export function formatTime(time: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(time);
}
