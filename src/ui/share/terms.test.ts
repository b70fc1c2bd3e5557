import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../lib/share';
import type { MessageKey, MessageParams } from '../i18n/locale';
import {
  SHARE_DURATIONS,
  describeAuditEvent,
  expiryFor,
  formatCountdown,
  rightsFor,
  sentTitles,
  summaryWords,
} from './terms';

/** A translation that shows the key and its parameters, so tests see what was asked for. */
const t = (key: MessageKey, params?: MessageParams) =>
  params ? `${key} ${JSON.stringify(params)}` : key;

describe('share terms', () => {
  it('offers the durations of DESIGN §4.1, 30 minutes among them', () => {
    expect(SHARE_DURATIONS).toEqual([5, 15, 30, 60, 120, 240, 480, 1440]);
  });

  it('grants view always, download and deposit only when asked', () => {
    expect(rightsFor('view', false)).toEqual({ view: true, download: false, deposit: false });
    expect(rightsFor('download', true)).toEqual({ view: true, download: true, deposit: true });
  });

  it('ends a share on a whole second, never later than asked', () => {
    expect(expiryFor(1_700_000_000_999, 30)).toBe(1_700_001_800_000);
    expect(expiryFor(1_700_000_000_000, 5)).toBe(1_700_000_300_000);
  });

  it('counts down in minutes and seconds, hours when needed, never below zero', () => {
    expect(formatCountdown(30 * 60_000)).toBe('30:00');
    expect(formatCountdown(61_001)).toBe('1:02');
    expect(formatCountdown(2 * 3600_000 + 5_000)).toBe('2:00:05');
    expect(formatCountdown(-5_000)).toBe('0:00');
  });

  it('names counts per kind, singular or plural, in the given order', () => {
    const words = summaryWords(
      { byKind: { medication: 2, allergy: 1 } },
      ['allergy', 'medication'],
      t,
    );
    expect(words).toBe('1 kind.allergy, 2 kinds.medication');
  });
});

describe('audit events in words', () => {
  const base = { v: 1 as const, seq: 1, at: 0, prev: [] as string[], hash: 'h', shareId: 's' };
  const when = (at: number) => `@${at}`;
  const what = () => 'WHAT';

  it('tells what a share held and until when', () => {
    const event = {
      ...base,
      type: 'share-created',
      scope: { entries: 1, byKind: { allergy: 1 }, files: 0, bytes: 0, identity: [] },
      expiresAt: 1000,
      rights: { view: true, download: false, deposit: false },
      singleUse: true,
    } as AuditEvent;
    expect(describeAuditEvent(event, t, when, what)).toBe(
      'share.event.created {"what":"WHAT","until":"@1000"}',
    );
  });

  it('tells why a share ended', () => {
    for (const reason of ['expired', 'revoked', 'closed', 'error'] as const) {
      const event = { ...base, type: 'share-ended', reason } as AuditEvent;
      expect(describeAuditEvent(event, t, when, what)).toBe(`share.event.ended.${reason}`);
    }
  });

  it('tells who asked, with the code both screens showed, and the RPPS when declared', () => {
    const hello = { ...base, type: 'hello', name: 'Dr Martin', profession: 'GP', code: '012345' };
    expect(describeAuditEvent(hello as AuditEvent, t, when, what)).toBe(
      'share.event.hello {"name":"Dr Martin","profession":"GP","code":"012345"}',
    );
    const withRpps = { ...hello, rpps: '10123456789' } as AuditEvent;
    expect(describeAuditEvent(withRpps, t, when, what)).toBe(
      'share.event.helloRpps {"name":"Dr Martin","profession":"GP","rpps":"10123456789","code":"012345"}',
    );
    const second = { ...base, type: 'second-hello-refused', name: 'Eve', profession: 'GP' };
    expect(describeAuditEvent(second as AuditEvent, t, when, what)).toBe(
      'share.event.secondHello {"name":"Eve","profession":"GP"}',
    );
  });

  it('names an opened document by the title it was sent under, in that share', () => {
    const events = [
      { ...base, type: 'document-sent', entryId: 'e1', title: 'X-ray' },
      { ...base, shareId: 'other', type: 'document-sent', entryId: 'e2', title: 'Other' },
    ] as AuditEvent[];
    const titles = sentTitles(events);
    const opened = (entryId: string) =>
      ({ ...base, type: 'document-opened', entryId }) as AuditEvent;
    expect(describeAuditEvent(opened('e1'), t, when, what, titles)).toBe(
      'share.event.openedTitle {"title":"X-ray"}',
    );
    expect(describeAuditEvent(opened('e2'), t, when, what, titles)).toBe('share.event.opened');
    expect(describeAuditEvent(events[0]!, t, when, what, titles)).toBe(
      'share.event.sent {"title":"X-ray"}',
    );
  });

  it('says whether a document received was added to the record', () => {
    const received = { ...base, type: 'document-received', title: 'Report', author: 'Dr M' };
    expect(describeAuditEvent(received as AuditEvent, t, when, what)).toBe(
      'share.event.received {"title":"Report","author":"Dr M"}',
    );
    const added = { ...received, entryId: 'e9' } as AuditEvent;
    expect(describeAuditEvent(added, t, when, what)).toBe(
      'share.event.receivedAdded {"title":"Report","author":"Dr M"}',
    );
  });

  it('names an event type it does not know rather than failing', () => {
    const event = { ...base, type: 'from-the-future' } as unknown as AuditEvent;
    expect(describeAuditEvent(event, t, when, what)).toBe('share.event.unknown');
  });
});
