import { describe, expect, it } from 'vitest';
import { en, fr } from '../i18n/messages';
import { format, type MessageKey, type MessageParams } from '../i18n/locale';
import type { Appointment } from './agenda-days';
import { calendarFile, calendarFileName, calendarText, eventSummary } from './calendar-export';

const t = (key: MessageKey, params?: MessageParams) => format(fr, key, params, 'fr');
const tEn = (key: MessageKey, params?: MessageParams) => format(en, key, params, 'en');

function appointment(id: string, fields: Partial<Appointment> = {}): Appointment {
  return {
    id,
    kind: 'appointment',
    createdAt: Date.UTC(2025, 0, 2, 10),
    updatedAt: Date.UTC(2025, 0, 3, 11),
    source: 'patient',
    start: '2025-03-06T13:30:00.000Z',
    ...fields,
  } as Appointment;
}

type Component = { name: string; props: Map<string, string>; children: Component[] };

/**
 * A small RFC 5545 reader for the tests: unfolds lines (§3.1), nests components, and unescapes
 * TEXT values (§3.3.11). Parameters are kept in the property name ("TRIGGER;VALUE=DATE-TIME").
 */
function parse(text: string): Component {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .slice(0, -1);
  const root: Component = { name: 'ROOT', props: new Map(), children: [] };
  const stack = [root];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const [name, value] = [line.slice(0, colon), line.slice(colon + 1)];
    if (name === 'BEGIN') {
      const child: Component = { name: value, props: new Map(), children: [] };
      stack.at(-1)!.children.push(child);
      stack.push(child);
    } else if (name === 'END') {
      expect(stack.pop()!.name).toBe(value);
    } else {
      const unescaped = value.replace(/\\([\\;,nN])/g, (_, c: string) =>
        c === 'n' || c === 'N' ? '\n' : c,
      );
      stack.at(-1)!.props.set(name, unescaped);
    }
  }
  expect(stack).toHaveLength(1);
  return root.children[0]!;
}

describe('appointments as an iCalendar file', () => {
  const visit = appointment('fHq3XbT0aV5tPz1eLw9dKg', {
    end: '2025-03-06T14:00:00.000Z',
    professional: 'Dr Hélène Lefèvre',
    place: 'Hôpital Saint-Éloi, 80 av. Augustin Fliche, Montpellier',
    reason: 'Contrôle cardiologique; échographie',
    note: 'Apporter les résultats\ndu bilan sanguin',
    reminderMinutes: 1440,
  });

  it('holds the appointment with its times in UTC, its place, reason and reminder', () => {
    const calendar = parse(calendarText([visit], t));
    expect(calendar.name).toBe('VCALENDAR');
    expect(calendar.props.get('VERSION')).toBe('2.0');
    const [event] = calendar.children;
    expect(event!.name).toBe('VEVENT');
    const props = event!.props;
    expect(props.get('UID')).toBe('fHq3XbT0aV5tPz1eLw9dKg@carnet');
    expect(props.get('DTSTART')).toBe('20250306T133000Z');
    expect(props.get('DTEND')).toBe('20250306T140000Z');
    expect(props.get('SUMMARY')).toBe('Contrôle cardiologique; échographie — Dr Hélène Lefèvre');
    expect(props.get('LOCATION')).toBe('Hôpital Saint-Éloi, 80 av. Augustin Fliche, Montpellier');
    expect(props.get('DESCRIPTION')).toBe(
      'Avec : Dr Hélène Lefèvre\nMotif : Contrôle cardiologique; échographie\n' +
        'Note : Apporter les résultats\ndu bilan sanguin',
    );
    expect(props.get('CLASS')).toBe('PRIVATE');
    expect(props.get('LAST-MODIFIED')).toBe('20250103T110000Z');
    const [alarm] = event!.children;
    expect(alarm!.name).toBe('VALARM');
    expect(alarm!.props.get('ACTION')).toBe('DISPLAY');
    expect(alarm!.props.get('TRIGGER')).toBe('-PT24H');
    expect(alarm!.props.get('DESCRIPTION')).toBe('Rappel de rendez-vous');
  });

  it('writes every reminder as a duration RFC 5545 accepts, or at the start itself', () => {
    const trigger = (minutes: number) => {
      const event = parse(calendarText([appointment('a', { reminderMinutes: minutes })], t))
        .children[0]!;
      const props = event.children[0]!.props;
      return props.get('TRIGGER') ?? `VALUE=DATE-TIME:${props.get('TRIGGER;VALUE=DATE-TIME')}`;
    };
    expect(trigger(15)).toBe('-PT15M');
    expect(trigger(90)).toBe('-PT1H30M');
    expect(trigger(10080)).toBe('-PT168H');
    expect(trigger(0)).toBe('VALUE=DATE-TIME:20250306T133000Z');
    for (const minutes of [15, 90, 180, 1440, 2880, 10080]) {
      expect(trigger(minutes)).toMatch(/^-PT(\d+H)?(\d+M)?$/);
    }
  });

  it('has no alarm without a reminder, and no end when none was given', () => {
    const event = parse(calendarText([appointment('b')], t)).children[0]!;
    expect(event.children).toEqual([]);
    expect(event.props.has('DTEND')).toBe(false);
    expect(event.props.get('SUMMARY')).toBe('Rendez-vous médical');
  });

  it('holds every appointment of an export, each with its own UID', () => {
    const calendar = parse(calendarText([visit, appointment('b'), appointment('c')], t));
    const uids = calendar.children.map((event) => event.props.get('UID'));
    expect(uids).toEqual(['fHq3XbT0aV5tPz1eLw9dKg@carnet', 'b@carnet', 'c@carnet']);
  });

  it('keeps accented and non-Latin text intact in the UTF-8 file, even across folded lines', async () => {
    const long = appointment('d', {
      reason:
        'Consultation pré-opératoire — anesthésie générale, allergie à la pénicilline, 日本語 ok',
    });
    const text = calendarText([long], t);
    const bytes = new Uint8Array(await calendarFile(text).arrayBuffer());
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(decoded).toBe(text);
    expect(parse(decoded).children[0]!.props.get('SUMMARY')).toBe(long.reason);
    expect(calendarFile(text).type).toBe('text/calendar;charset=utf-8');
  });

  it('names the event and the file in the user’s language', () => {
    expect(eventSummary(appointment('e', { professional: 'Dr Martin' }), tEn)).toBe('Dr Martin');
    expect(calendarFileName(t)).toBe('agenda.ics');
    expect(calendarFileName(tEn, appointment('f'))).toMatch(/^appointment-2025-03-0[67]\.ics$/);
  });
});
