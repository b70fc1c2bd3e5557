/**
 * The settings' editor of ICE servers (STUN/TURN): its rows as typed, checked before they are
 * stored. Pure, so unit tests cover it without a browser.
 */
import { isIceUrl, type IceServer } from '../state/ice-servers.svelte';

/** At most this many servers (ice-servers.svelte.ts refuses more). */
export const MAX_ICE_SERVERS = 8;

/** One row of the editor, as typed. */
export type IceServerDraft = { url: string; username: string; credential: string };

export type IceProblem =
  /** A username or password without an address. */
  | 'required'
  /** Not a stun:, stuns:, turn: or turns: address. */
  | 'url'
  /** A TURN server with a username but no password, or the reverse. */
  | 'pair'
  /** A username or password on a STUN server, which takes none. */
  | 'stunLogin';

/** The problems of one row, by field. */
export type IceRowProblems = Partial<Record<keyof IceServerDraft, IceProblem>>;

export type IceCheck =
  { ok: true; servers: IceServer[] } | { ok: false; problems: IceRowProblems[] };

export function draftOf(server: IceServer): IceServerDraft {
  return { url: server.urls, username: server.username ?? '', credential: server.credential ?? '' };
}

/** Checks every row; rows left entirely empty are dropped. */
export function checkIceServers(drafts: readonly IceServerDraft[]): IceCheck {
  const servers: IceServer[] = [];
  const problems = drafts.map((draft) => {
    const [url, username, credential] = [draft.url.trim(), draft.username, draft.credential];
    const row: IceRowProblems = {};
    if (!url) {
      if (username || credential) row.url = 'required';
      return row;
    }
    if (!isIceUrl(url)) row.url = 'url';
    else if (/^stuns?:/.test(url) && (username || credential)) {
      row[username ? 'username' : 'credential'] = 'stunLogin';
    } else if (Boolean(username) !== Boolean(credential)) {
      row[username ? 'credential' : 'username'] = 'pair';
    }
    if (Object.keys(row).length === 0) {
      servers.push({
        urls: url,
        ...(username ? { username } : {}),
        ...(credential ? { credential } : {}),
      });
    }
    return row;
  });
  return problems.some((row) => Object.keys(row).length > 0)
    ? { ok: false, problems }
    : { ok: true, servers };
}
