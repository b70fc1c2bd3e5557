import { describe, expect, it } from 'vitest';
import {
  chronological,
  daysFromToday,
  groupByDay,
  localDayOf,
  pastAppointments,
  type Appointment,
} from './agenda-days';

/** An instant from a local date and time, so the tests hold in any time zone. */
const local = (y: number, m: number, d: number, h = 9, min = 0) =>
  new Date(y, m - 1, d, h, min).toISOString();

function appointment(id: string, start: string, fields: Partial<Appointment> = {}): Appointment {
  return {
    id,
    kind: 'appointment',
    createdAt: 0,
    updatedAt: 0,
    source: 'patient',
    start,
    ...fields,
  } as Appointment;
}

describe('the agenda', () => {
  it('groups appointments by the local day they start on, keeping their order', () => {
    const list = [
      appointment('a', local(2025, 3, 4, 0, 15)),
      appointment('b', local(2025, 3, 4, 23, 45)),
      appointment('c', local(2025, 3, 5, 8)),
    ];
    const days = groupByDay(list);
    expect(days.map((day) => day.day)).toEqual(['2025-03-04', '2025-03-05']);
    expect(days[0]!.appointments.map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('skips an appointment without a readable start', () => {
    expect(groupByDay([appointment('x', 'not a date')])).toEqual([]);
  });

  it('lists past appointments most recent first, without the upcoming ones', () => {
    const old = appointment('old', local(2024, 1, 10));
    const recent = appointment('recent', local(2025, 2, 1));
    const coming = appointment('coming', local(2025, 6, 1));
    const past = pastAppointments([old, coming, recent], [coming]);
    expect(past.map((a) => a.id)).toEqual(['recent', 'old']);
  });

  it('exports all appointments soonest first', () => {
    const list = [appointment('b', local(2025, 2, 1)), appointment('a', local(2024, 1, 1))];
    expect(chronological(list).map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('counts days by the calendar, not by 24 hours', () => {
    const lateEvening = new Date(2025, 2, 4, 23, 30).getTime();
    expect(daysFromToday('2025-03-04', lateEvening)).toBe(0);
    expect(daysFromToday('2025-03-05', lateEvening)).toBe(1);
    expect(daysFromToday('2025-03-03', lateEvening)).toBe(-1);
    // Across the spring daylight-saving change in Europe (30 March 2025).
    expect(daysFromToday('2025-03-31', new Date(2025, 2, 30, 1).getTime())).toBe(1);
    expect(localDayOf(new Date(2025, 11, 31, 23, 59).getTime())).toBe('2025-12-31');
  });
});
