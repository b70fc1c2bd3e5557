/**
 * SHA-256 off the main thread, for the what-if "file hash in a worker" write: receives chunks,
 * answers 'digest' with the hash (hash-wasm, incremental), then starts over.
 */
import { createSHA256 } from 'hash-wasm';

const hasher = createSHA256().then((h) => h.init());

self.onmessage = async (event: MessageEvent<Uint8Array | 'digest'>) => {
  const h = await hasher;
  if (event.data === 'digest') {
    const digest = h.digest('binary');
    h.init();
    self.postMessage(digest, { transfer: [digest.buffer] });
  } else {
    h.update(event.data);
  }
};
