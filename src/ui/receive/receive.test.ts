import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ExpiredLinkError,
  ForgedLinkError,
  MalformedLinkError,
  TruncatedLinkError,
  UnknownVersionError,
  encodeShareLink,
  parseShareLink,
} from '../../lib/share';
import { en, fr } from '../i18n/areas/receive';
import { cameraProblemOf } from './camera';
import { formatCountdown, isoDuration, secondsLeft } from './countdown';
import { checkIdentity } from './identity';
import { LINK_PROBLEMS, linkProblemCode, receiveHashOf } from './link-problem';

describe('checkIdentity', () => {
  it('accepts a trimmed name and profession, with or without an RPPS', () => {
    expect(checkIdentity({ name: '  Dr Martin ', profession: 'Médecin', rpps: '' })).toEqual({
      ok: true,
      identity: { name: 'Dr Martin', profession: 'Médecin' },
    });
    expect(
      checkIdentity({ name: 'Dr Martin', profession: 'Médecin', rpps: '101 2345 6789' }),
    ).toEqual({
      ok: true,
      identity: { name: 'Dr Martin', profession: 'Médecin', rpps: '10123456789' },
    });
  });

  it('names each field that is wrong, and why', () => {
    expect(checkIdentity({ name: ' ', profession: '', rpps: '1234' })).toEqual({
      ok: false,
      problems: { name: 'required', profession: 'required', rpps: 'rpps' },
    });
    expect(
      checkIdentity({ name: 'x'.repeat(101), profession: 'a\u202eb', rpps: '123456789012' }),
    ).toEqual({
      ok: false,
      problems: { name: 'too-long', profession: 'hidden-characters', rpps: 'rpps' },
    });
  });
});

describe('countdown', () => {
  it('counts whole seconds up, never below zero', () => {
    expect(secondsLeft(10_000, 0)).toBe(10);
    expect(secondsLeft(10_000, 9_001)).toBe(1);
    expect(secondsLeft(10_000, 10_000)).toBe(0);
    expect(secondsLeft(10_000, 20_000)).toBe(0);
  });

  it('reads as clock digits and as an ISO duration', () => {
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(249)).toBe('4:09');
    expect(formatCountdown(3903)).toBe('1:05:03');
    expect(isoDuration(3903)).toBe('PT1H5M3S');
  });
});

describe('link problems', () => {
  const secret = new Uint8Array(randomBytes(32));
  const offer = {
    secret,
    expiresAt: Date.UTC(2030, 0, 1),
    rights: { view: true, download: false, deposit: false },
    singleUse: true,
  };
  const link = encodeShareLink(offer, 'https://carnet.example');

  it('maps every parse failure to its code, and has words for each in both languages', () => {
    const failures = [
      new ExpiredLinkError(0),
      new MalformedLinkError('too-long'),
      new TruncatedLinkError(3, 56),
      new ForgedLinkError(),
      new UnknownVersionError(2),
    ];
    for (const failure of failures) {
      const keys = LINK_PROBLEMS[linkProblemCode(failure)];
      for (const key of Object.values(keys)) {
        expect(en).toHaveProperty([key]);
        expect(fr[key as keyof typeof fr]).toBeTruthy();
      }
    }
    expect(() => linkProblemCode(new TypeError('bug'))).toThrow(TypeError);
  });

  it('sends what was scanned or pasted to the receive page, and nothing else', () => {
    const hash = receiveHashOf(`  ${link}\n`)!;
    expect(hash).toMatch(/^#\/s\/[A-Za-z0-9_-]{56}$/);
    expect(parseShareLink(hash, 0).secret).toEqual(secret);
    expect(receiveHashOf(link.split('#/s/')[1]!)).toBe(hash);
    expect(receiveHashOf('https://example.com/')).toBeNull();
    expect(receiveHashOf('hello world')).toBeNull();
  });
});

describe('cameraProblemOf', () => {
  it('tells refusal, absence and lack of support apart', () => {
    expect(cameraProblemOf(new DOMException('x', 'NotAllowedError'))).toBe('denied');
    expect(cameraProblemOf(new DOMException('x', 'NotFoundError'))).toBe('no-camera');
    expect(cameraProblemOf(new TypeError('x'))).toBe('unsupported');
    expect(cameraProblemOf(new DOMException('x', 'NotReadableError'))).toBe('failed');
    expect(cameraProblemOf('weird')).toBe('failed');
  });
});
