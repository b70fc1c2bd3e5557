import { describe, expect, it } from 'vitest';
import { en } from '../i18n/messages';
import { format, type MessageKey, type MessageParams } from '../i18n/locale';
import type { Appointment } from './agenda-days';
import { dueReminders, REMINDER_GRACE_MS, reminderTime } from './reminders';
import { notificationText, reminderDetails, reminderLabel } from './reminder-text';

const t = (key: MessageKey, params?: MessageParams) => format(en, key, params, 'en');
const MINUTE = 60_000;
const START = new Date(2025, 2, 6, 14, 30).getTime();

function appointment(id: string, fields: Partial<Appointment> = {}): Appointment {
  return {
    id,
    kind: 'appointment',
    createdAt: 0,
    updatedAt: 0,
    source: 'patient',
    start: new Date(START).toISOString(),
    ...fields,
  } as Appointment;
}

describe('which reminders are due', () => {
  const dayBefore = appointment('a', { reminderMinutes: 1440 });

  it('none before the reminder time', () => {
    expect(dueReminders([dayBefore], START - 1440 * MINUTE - 1)).toEqual([]);
  });

  it('from the reminder time until an hour after the start', () => {
    for (const now of [START - 1440 * MINUTE, START - MINUTE, START, START + REMINDER_GRACE_MS]) {
      expect(dueReminders([dayBefore], now).map((r) => r.appointment.id)).toEqual(['a']);
    }
    expect(dueReminders([dayBefore], START + REMINDER_GRACE_MS + 1)).toEqual([]);
  });

  it('a reminder "at the time" is due at the start', () => {
    const atTime = appointment('b', { reminderMinutes: 0 });
    expect(dueReminders([atTime], START - 1)).toEqual([]);
    expect(dueReminders([atTime], START)).toHaveLength(1);
  });

  it('never for an appointment without a reminder', () => {
    expect(dueReminders([appointment('c')], START)).toEqual([]);
    expect(reminderTime(appointment('c'))).toBeNull();
  });

  it('soonest appointment first, each named by its id and reminder time', () => {
    const later = appointment('later', {
      start: new Date(START + 30 * MINUTE).toISOString(),
      reminderMinutes: 60,
    });
    const due = dueReminders([later, dayBefore], START);
    expect(due.map((r) => r.appointment.id)).toEqual(['a', 'later']);
    expect(due[0]!.key).toBe(`a@${START - 1440 * MINUTE}`);
  });

  it('a moved appointment reminds again: its key changes', () => {
    const moved = appointment('a', {
      reminderMinutes: 1440,
      start: new Date(START + 60 * MINUTE).toISOString(),
    });
    expect(dueReminders([moved], START)[0]!.key).not.toBe(dueReminders([dayBefore], START)[0]!.key);
  });
});

describe('the words of a reminder', () => {
  const visit = appointment('a', {
    reminderMinutes: 1440,
    professional: 'Dr Lefèvre',
    place: 'Centre de dépistage VIH',
    reason: 'Résultats de sérologie',
  });

  it('a notification says when, and nothing about who, where or why', () => {
    const now = new Date(2025, 2, 5, 14, 30).getTime();
    const { title, body } = notificationText(START, now, 'en', t);
    expect(body).toMatch(/^Appointment tomorrow at 2:30\sPM$/);
    for (const secret of ['Lefèvre', 'VIH', 'sérologie']) {
      expect(title + body).not.toContain(secret);
    }
  });

  it('says the day when it is further than tomorrow', () => {
    const now = new Date(2025, 2, 1, 9).getTime();
    expect(notificationText(START, now, 'en', t).body).toContain('Thursday');
  });

  it('in the app, says with whom, where and why', () => {
    expect(reminderDetails(visit)).toEqual([
      'Dr Lefèvre',
      'Centre de dépistage VIH',
      'Résultats de sérologie',
    ]);
  });

  it('names the reminder choices, and any other delay in minutes', () => {
    expect(reminderLabel(1440, 'en', t)).toBe('1 day before');
    expect(reminderLabel(45, 'en', t)).toBe('45 minutes before');
  });
});
