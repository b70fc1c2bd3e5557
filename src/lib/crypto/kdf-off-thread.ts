/**
 * deriveKek in a Worker when the platform has them (browsers), in the calling thread otherwise
 * (Node tests, or a browser that refuses the worker). Same inputs, same bytes.
 */
import { deriveKek, type KdfParams } from './kdf';

export async function deriveKekOffThread(
  passphrase: string,
  params: KdfParams,
): Promise<Uint8Array> {
  if (typeof Worker === 'undefined') return deriveKek(passphrase, params);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./kdf.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return deriveKek(passphrase, params);
  }
  try {
    return await new Promise<Uint8Array>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<{ key?: Uint8Array; error?: string }>) => {
        if (event.data.key) resolve(event.data.key);
        else reject(new Error(event.data.error ?? 'key derivation failed'));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message || 'key derivation worker failed'));
      };
      worker.postMessage({ passphrase, params });
    });
  } finally {
    worker.terminate();
  }
}
