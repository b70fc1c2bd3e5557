/**
 * Appointments as an iCalendar file (RFC 5545) for the patient's own calendar app, built with the
 * `ics` package. This module is loaded only when the patient exports, to keep `ics` out of the
 * first download.
 *
 * - Times are UTC ("…Z", RFC 5545 §3.3.5 form 2): the calendar app shows them in its own zone.
 * - UID is `<entry id>@carnet`: exporting the same appointment again updates it rather than
 *   adding a copy (§3.8.4.7), and LAST-MODIFIED tells which version is newer.
 * - CLASS:PRIVATE asks shared calendars to hide the details (§3.8.1.3).
 * - The reminder becomes a VALARM. Its TRIGGER is written in hours and minutes ("-PT24H"): `ics`
 *   writes days and weeks as "-P1DT", which RFC 5545 §3.3.6 does not allow and some readers
 *   refuse (bitfireAT/icsx5#100); a reminder at the start itself is an absolute UTC time.
 */
import { createEvents, type Alarm, type EventAttributes } from 'ics';
import type { Translate } from '../record/entry-display';
import { localDayOf, startOf, type Appointment } from './agenda-days';
import { reminderTime } from './reminders';

const PRODUCT_ID = '-//Carnet//Agenda//FR';

export class CalendarExportError extends Error {
  constructor(cause: unknown) {
    super('the calendar file could not be built', { cause });
    this.name = 'CalendarExportError';
  }
}

const filled = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '';

/** What the calendar shows as the event's name: the reason and with whom, or a plain word. */
export function eventSummary(appointment: Appointment, t: Translate): string {
  const parts = [appointment.reason, appointment.professional].filter(filled);
  return parts.length > 0 ? parts.join(' — ') : t('agenda.ics.summary');
}

function description(appointment: Appointment, t: Translate): string | undefined {
  const lines: string[] = [];
  for (const field of ['professional', 'reason', 'note'] as const) {
    const value = appointment[field];
    if (filled(value)) {
      lines.push(t('agenda.ics.line', { label: t(`field.appointment.${field}`), value }));
    }
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function alarm(appointment: Appointment, t: Translate): Alarm | null {
  const remindAt = reminderTime(appointment);
  if (remindAt === null) return null;
  const minutes = Math.round((startOf(appointment) - remindAt) / 60_000);
  const base = { action: 'display' as const, description: t('agenda.ics.alarm') };
  if (minutes <= 0) return { ...base, trigger: remindAt };
  const hours = Math.floor(minutes / 60);
  return {
    ...base,
    trigger: {
      before: true,
      ...(hours > 0 ? { hours } : {}),
      ...(minutes % 60 > 0 ? { minutes: minutes % 60 } : {}),
    },
  };
}

function event(appointment: Appointment, t: Translate): EventAttributes {
  const start = startOf(appointment);
  const end = typeof appointment.end === 'string' ? Date.parse(appointment.end) : NaN;
  const reminder = alarm(appointment, t);
  const text = description(appointment, t);
  // Without an end the event has none (RFC 5545 §3.6.1): Carnet does not invent a duration.
  const attributes = {
    uid: `${appointment.id}@carnet`,
    productId: PRODUCT_ID,
    start,
    startInputType: 'utc',
    startOutputType: 'utc',
    ...(Number.isNaN(end) ? {} : { end, endInputType: 'utc', endOutputType: 'utc' }),
    title: eventSummary(appointment, t),
    ...(text ? { description: text } : {}),
    ...(filled(appointment.place) ? { location: appointment.place } : {}),
    classification: 'PRIVATE',
    ...(Number.isFinite(appointment.createdAt) ? { created: appointment.createdAt } : {}),
    ...(Number.isFinite(appointment.updatedAt) ? { lastModified: appointment.updatedAt } : {}),
    ...(reminder ? { alarms: [reminder] } : {}),
  };
  return attributes as EventAttributes;
}

/** One calendar holding these appointments (those with a readable start). */
export function calendarText(appointments: readonly Appointment[], t: Translate): string {
  const events = appointments
    .filter((appointment) => !Number.isNaN(startOf(appointment)))
    .map((appointment) => event(appointment, t));
  const { error, value } = createEvents(events, {
    productId: PRODUCT_ID,
    method: 'PUBLISH',
    calName: t('agenda.ics.calendarName'),
  });
  if (error || value === null) throw new CalendarExportError(error);
  return value;
}

/** The file to hand to the browser: UTF-8, as RFC 5545 §3.1.4 has it by default. */
export function calendarFile(text: string): Blob {
  return new Blob([text], { type: 'text/calendar;charset=utf-8' });
}

/** "rendez-vous-2025-03-04.ics" for one appointment, "agenda.ics" for all. */
export function calendarFileName(t: Translate, appointment?: Appointment): string {
  if (!appointment) return `${t('agenda.ics.fileAll')}.ics`;
  const start = startOf(appointment);
  const day = Number.isNaN(start) ? '' : `-${localDayOf(start)}`;
  return `${t('agenda.ics.fileOne')}${day}.ics`;
}
