/**
 * The ICE servers (STUN/TURN) this device uses for shares, from the settings: none by default,
 * which is all two devices on one network need (DESIGN §4.3). Kept in localStorage: they are
 * addresses of servers, not health data, and both the patient's and the professional's page read
 * them before any record is open.
 */
import * as v from 'valibot';

const KEY = 'carnet.iceServers';

const IceServerSchema = v.strictObject({
  urls: v.pipe(v.string(), v.regex(/^(stun|stuns|turn|turns):[^\s]+$/), v.maxLength(512)),
  username: v.optional(v.pipe(v.string(), v.maxLength(256))),
  credential: v.optional(v.pipe(v.string(), v.maxLength(256))),
});

export type IceServer = v.InferOutput<typeof IceServerSchema>;

const IceServersSchema = v.pipe(v.array(IceServerSchema), v.maxLength(8));

/** Whether `url` is a STUN or TURN address this setting accepts. */
export function isIceUrl(url: string): boolean {
  return v.is(IceServerSchema.entries.urls, url);
}

function load(): IceServer[] {
  try {
    const parsed = v.safeParse(IceServersSchema, JSON.parse(localStorage.getItem(KEY) ?? '[]'));
    return parsed.success ? parsed.output : [];
  } catch {
    return [];
  }
}

class IceServers {
  list = $state.raw<IceServer[]>(load());

  /** Replaces the list; throws a valibot error for anything malformed (the form checks first). */
  set(servers: IceServer[]): void {
    const checked = v.parse(IceServersSchema, servers);
    localStorage.setItem(KEY, JSON.stringify(checked));
    this.list = checked;
  }

  /** As RTCPeerConnection wants them. */
  forConnection(): RTCIceServer[] {
    return this.list.map(({ urls, username, credential }) => ({
      urls,
      ...(username ? { username } : {}),
      ...(credential ? { credential } : {}),
    }));
  }
}

export const iceServers = new IceServers();
