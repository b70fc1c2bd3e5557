/**
 * The seam where the WebRTC transport will plug in (issue 5, later round). The receive page calls
 * `connect(link, identity)` once the professional asks for access and shows whatever state it
 * resolves to. Today nothing is sent anywhere: it resolves to `not-connected`, which the page shows
 * as "waiting for the patient's approval" with the link's countdown.
 *
 * The transport will replace the body: open the signaling channel for `link` (signalingUrls),
 * seal a hello with `sealHello(link.secret, identity)`, and resolve (or report through a callback
 * added then) to `connected` with the session once the patient's answer opens. Memory only: this
 * page stores nothing on the device.
 */
import type { ProfessionalIdentity, ShareLink } from '../../lib/share';

export type ConnectState =
  /** No transport yet: the request could not leave this device. */
  { state: 'not-connected' };

export async function connect(
  link: ShareLink,
  identity: ProfessionalIdentity,
): Promise<ConnectState> {
  void link;
  void identity;
  return { state: 'not-connected' };
}
