/**
 * What the receive page says about a link it cannot use: one message key per ShareLinkError code,
 * a title and what to do next. lib/share says why in codes; the words are the UI's.
 */
import { ShareLinkError, type ShareLinkErrorCode } from '../../lib/share';
import { SHARE_LINK_MARKER } from '../../lib/share';

export type LinkProblemKeys = { title: string; body: string; next: string };

export const LINK_PROBLEMS = {
  'expired-link': {
    title: 'receive.expired.title',
    body: 'receive.expired.body',
    next: 'receive.expired.next',
  },
  'malformed-link': {
    title: 'receive.malformed.title',
    body: 'receive.malformed.body',
    next: 'receive.malformed.next',
  },
  'truncated-link': {
    title: 'receive.truncated.title',
    body: 'receive.truncated.body',
    next: 'receive.truncated.next',
  },
  'forged-link': {
    title: 'receive.forged.title',
    body: 'receive.forged.body',
    next: 'receive.forged.next',
  },
  'unknown-link-version': {
    title: 'receive.version.title',
    body: 'receive.version.body',
    next: 'receive.version.next',
  },
} as const satisfies Record<ShareLinkErrorCode, LinkProblemKeys>;

/** The code of a parse failure; anything that is not a ShareLinkError is a bug, rethrown. */
export function linkProblemCode(error: unknown): ShareLinkErrorCode {
  if (error instanceof ShareLinkError) return error.code;
  throw error;
}

/**
 * The app address of the receive page for a scanned or pasted text: `#/s/<payload>` when the text
 * holds a share link's marker or looks like a bare payload, else null. The receive page does the
 * real checks and explains what is wrong, so a damaged link still goes there.
 */
export function receiveHashOf(text: string): string | null {
  const trimmed = text.trim();
  const at = trimmed.indexOf(SHARE_LINK_MARKER);
  if (at >= 0) return `#/s/${trimmed.slice(at + SHARE_LINK_MARKER.length)}`;
  if (/^[A-Za-z0-9_-]{8,}$/.test(trimmed)) return `#/s/${trimmed}`;
  return null;
}
