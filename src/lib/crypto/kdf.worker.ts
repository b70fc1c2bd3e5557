/**
 * Runs Argon2id off the main thread (DESIGN §8): on a phone one derivation takes ~1 s, and the
 * page must keep responding (and show that it is working) meanwhile.
 */
import { deriveKek, type KdfParams } from './kdf';

type Request = { passphrase: string; params: KdfParams };

// A dedicated worker's global scope, typed narrowly (the project's lib is DOM, not WebWorker).
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Request>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

scope.onmessage = (event) => {
  deriveKek(event.data.passphrase, event.data.params).then(
    (key) => scope.postMessage({ key }, [key.buffer]),
    (error: unknown) => scope.postMessage({ error: String(error) }, []),
  );
};
