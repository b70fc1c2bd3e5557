/**
 * The session layer's own messages (framed message kind `control`, UTF-8 JSON), besides the Yjs
 * sync and the files:
 *
 * | from         | t          | meaning                                                           |
 * | ------------ | ---------- | ----------------------------------------------------------------- |
 * | patient      | `decision` | `allowed` true/false: the patient's answer to the request         |
 * | patient      | `deposit`  | what became of a deposited file (`fileId`): accepted or declined |
 * | professional | `opened`   | the professional opened the document entry `entryId`             |
 *
 * Anything else closes the channel as a protocol error: both sides run this same code.
 */
import * as v from 'valibot';
import { fromUtf8, utf8 } from '../crypto/bytes';
import { MESSAGE_KINDS, type FramedChannel, type FramedMessage } from './framed-channel';

const ControlSchema = v.variant('t', [
  v.strictObject({ t: v.literal('decision'), allowed: v.boolean() }),
  v.strictObject({
    t: v.literal('deposit'),
    fileId: v.pipe(v.string(), v.maxLength(64)),
    outcome: v.picklist(['accepted', 'declined']),
  }),
  v.strictObject({ t: v.literal('opened'), entryId: v.pipe(v.string(), v.maxLength(64)) }),
]);

export type ControlMessage = v.InferOutput<typeof ControlSchema>;

export function sendControl(channel: FramedChannel, message: ControlMessage): Promise<void> {
  return channel.send(MESSAGE_KINDS.control, utf8(JSON.stringify(message)));
}

/** Calls `listener` with each control message; a malformed one closes the channel. */
export function onControl(
  channel: FramedChannel,
  listener: (message: ControlMessage) => void,
): () => void {
  return channel.onMessage(({ kind, payload }: FramedMessage) => {
    if (kind !== MESSAGE_KINDS.control) return;
    let parsed: v.SafeParseResult<typeof ControlSchema>;
    try {
      parsed = v.safeParse(ControlSchema, JSON.parse(fromUtf8(payload)));
    } catch {
      return channel.close('protocol-error');
    }
    if (!parsed.success) return channel.close('protocol-error');
    listener(parsed.output);
  });
}
