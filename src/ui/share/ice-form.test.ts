import { describe, expect, it } from 'vitest';
import { checkIceServers, draftOf } from './ice-form';

const row = (url: string, username = '', credential = '') => ({ url, username, credential });

describe('checkIceServers', () => {
  it('keeps STUN and TURN servers, trimmed, with a TURN login when given in full', () => {
    expect(
      checkIceServers([
        row(' stun:stun.example.org:3478 '),
        row('turns:turn.example.org:5349', 'alice', 's3cret'),
        row('turn:10.0.0.2'),
      ]),
    ).toEqual({
      ok: true,
      servers: [
        { urls: 'stun:stun.example.org:3478' },
        { urls: 'turns:turn.example.org:5349', username: 'alice', credential: 's3cret' },
        { urls: 'turn:10.0.0.2' },
      ],
    });
  });

  it('drops rows left empty', () => {
    expect(checkIceServers([row(''), row('  ')])).toEqual({ ok: true, servers: [] });
  });

  it('refuses addresses that are not STUN or TURN, naming the field', () => {
    expect(checkIceServers([row('http://x'), row('stun:ok'), row('turn:with space')])).toEqual({
      ok: false,
      problems: [{ url: 'url' }, {}, { url: 'url' }],
    });
  });

  it('asks for an address when only a login was typed', () => {
    expect(checkIceServers([row('', 'alice')])).toEqual({
      ok: false,
      problems: [{ url: 'required' }],
    });
  });

  it('wants both halves of a TURN login, and none on a STUN server', () => {
    expect(
      checkIceServers([
        row('turn:a', 'alice'),
        row('turn:a', '', 'pw'),
        row('stun:a', 'alice', 'pw'),
        row('stuns:a', '', 'pw'),
      ]),
    ).toEqual({
      ok: false,
      problems: [
        { credential: 'pair' },
        { username: 'pair' },
        { username: 'stunLogin' },
        { credential: 'stunLogin' },
      ],
    });
  });

  it('round-trips a stored server into a row', () => {
    expect(draftOf({ urls: 'stun:a' })).toEqual(row('stun:a'));
    expect(draftOf({ urls: 'turn:a', username: 'u', credential: 'c' })).toEqual(
      row('turn:a', 'u', 'c'),
    );
  });
});
