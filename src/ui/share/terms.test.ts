import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../lib/share';
import type { MessageKey, MessageParams } from '../i18n/locale';
import {
  SHARE_DURATIONS,
  describeAuditEvent,
  expiryFor,
  formatCountdown,
  rightsFor,
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

  it('names an event type it does not know rather than failing', () => {
    const event = { ...base, type: 'from-the-future' } as unknown as AuditEvent;
    expect(describeAuditEvent(event, t, when, what)).toBe('share.event.unknown');
  });
});
