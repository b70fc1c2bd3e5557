/**
 * Which reminders are due at a given time. An appointment asks to be reminded `reminderMinutes`
 * before its start; from then until an hour after the start, its reminder is due. Past that it
 * would only be noise: the appointment is over or missed.
 */
import { startOf, type Appointment } from './agenda-days';

/** How long after its start an appointment's reminder is still shown. */
export const REMINDER_GRACE_MS = 60 * 60_000;

export type DueReminder = {
  /** Names this reminder: the appointment and when it was to remind, so a changed time reminds again. */
  key: string;
  appointment: Appointment;
  start: number;
  remindAt: number;
};

/** When an appointment's reminder falls, in ms; null without a reminder or a readable start. */
export function reminderTime(appointment: Appointment): number | null {
  const minutes = appointment.reminderMinutes;
  const start = startOf(appointment);
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || Number.isNaN(start)) return null;
  return start - minutes * 60_000;
}

/** The reminders due at `now`, soonest appointment first. */
export function dueReminders(appointments: readonly Appointment[], now: number): DueReminder[] {
  const due: DueReminder[] = [];
  for (const appointment of appointments) {
    const remindAt = reminderTime(appointment);
    if (remindAt === null) continue;
    const start = startOf(appointment);
    if (remindAt <= now && now <= start + REMINDER_GRACE_MS) {
      due.push({ key: `${appointment.id}@${remindAt}`, appointment, start, remindAt });
    }
  }
  return due.sort((a, b) => a.start - b.start);
}
