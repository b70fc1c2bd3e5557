/**
 * The scanner's camera, without Svelte: start a rear-facing (or chosen) camera, list the cameras,
 * and say why none could start as a code the page translates.
 */

export type CameraProblem = 'denied' | 'no-camera' | 'unsupported' | 'failed';

export class CameraError extends Error {
  override readonly name = 'CameraError';
  constructor(readonly code: CameraProblem) {
    super(`camera unavailable (${code})`);
  }
}

/** What getUserMedia's DOMException names mean for the user. */
export function cameraProblemOf(error: unknown): CameraProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'failed';
  }
}

/** A camera stream: the one chosen by id, else the one facing away from the user. */
export async function openCamera(deviceId?: string): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('unsupported');
  try {
    return await navigator.mediaDevices.getUserMedia({
      video: deviceId ? { deviceId: { exact: deviceId } } : { facingMode: 'environment' },
      audio: false,
    });
  } catch (error) {
    throw new CameraError(cameraProblemOf(error));
  }
}

/** The video inputs (labels are only known once permission was given). */
export async function listCameras(): Promise<MediaDeviceInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((device) => device.kind === 'videoinput');
}

export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
