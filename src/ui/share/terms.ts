/**
 * The choices of the share screen turned into the terms of lib/share, and the words of its
 * countdown and history. Pure, so unit tests cover them without a browser.
 */
import type { AuditEvent, ShareRights, ShareSummary } from '../../lib/share';
import type { MessageKey, MessageParams } from '../i18n/locale';

/** How long a share may last, in minutes (DESIGN §4.1); 30 minutes unless the patient says. */
export const SHARE_DURATIONS = [5, 15, 30, 60, 120, 240, 480, 1440] as const;
export const DEFAULT_DURATION = 30;

/** What the professional may do with what they see: look only, or also save the documents. */
export type Access = 'view' | 'download';

export function rightsFor(access: Access, mayDeposit: boolean): ShareRights {
  return { view: true, download: access === 'download', deposit: mayDeposit };
}

/**
 * When a share started at `now` for `minutes` ends: rounded down to a whole second, as the link
 * carries it, so the link, the log and the countdown name the same instant.
 */
export function expiryFor(now: number, minutes: number): number {
  return Math.floor((now + minutes * 60_000) / 1000) * 1000;
}

/** Time left as `h:mm:ss` or `m:ss`, rounded up to the second; never negative. */
export function formatCountdown(left: number): string {
  const total = Math.max(0, Math.ceil(left / 1000));
  const [hours, minutes, seconds] = [
    Math.floor(total / 3600),
    Math.floor(total / 60) % 60,
    total % 60,
  ];
  const two = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** "2 allergies, 1 treatment" — counts per kind, in the order of `kinds`. */
export function summaryWords(
  summary: Pick<ShareSummary, 'byKind'>,
  kinds: readonly string[],
  t: Translate,
): string {
  const parts: string[] = [];
  for (const kind of kinds) {
    const count = summary.byKind[kind as keyof ShareSummary['byKind']];
    if (count)
      parts.push(
        `${count} ${t((count > 1 ? `kinds.${kind}` : `kind.${kind}`) as MessageKey).toLowerCase()}`,
      );
  }
  return parts.join(', ');
}

/**
 * The title each document of each share had when it was sent, from the `document-sent` events:
 * what a later `document-opened` (which names only the entry) is called in the history.
 */
export function sentTitles(
  events: readonly AuditEvent[],
): (shareId: string, entryId: string) => string | undefined {
  const titles = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'document-sent')
      titles.set(`${event.shareId}/${event.entryId}`, event.title);
  }
  return (shareId, entryId) => titles.get(`${shareId}/${entryId}`);
}

/**
 * One event of the audit log in words; `when` formats an instant, `what` a scope, `sentTitle`
 * names a document sent in a share (see sentTitles).
 */
export function describeAuditEvent(
  event: AuditEvent,
  t: Translate,
  when: (at: number) => string,
  what: (scope: ShareSummary) => string,
  sentTitle: (shareId: string, entryId: string) => string | undefined = () => undefined,
): string {
  switch (event.type) {
    case 'share-created':
      return t('share.event.created', { what: what(event.scope), until: when(event.expiresAt) });
    case 'hello': {
      const { name, profession, code, rpps } = event;
      return rpps
        ? t('share.event.helloRpps', { name, profession, rpps, code })
        : t('share.event.hello', { name, profession, code });
    }
    case 'allowed':
      return t('share.event.allowed');
    case 'refused':
      return t('share.event.refused');
    case 'second-hello-refused':
      return t('share.event.secondHello', { name: event.name, profession: event.profession });
    case 'document-sent':
      return t('share.event.sent', { title: event.title });
    case 'document-opened': {
      const title = sentTitle(event.shareId, event.entryId);
      return title ? t('share.event.openedTitle', { title }) : t('share.event.opened');
    }
    case 'document-received':
      return t(event.entryId ? 'share.event.receivedAdded' : 'share.event.received', {
        title: event.title,
        author: event.author,
      });
    case 'share-ended':
      return t(`share.event.ended.${event.reason}`);
    default:
      return t('share.event.unknown');
  }
}
