import type { Page } from '@playwright/test';

/**
 * Raw IndexedDB access from inside the page, bypassing the app: what an attacker with the device's
 * disk, or a fault, would see and change.
 */

/** Every database, store name, key and value the origin holds, searched for each marker in
 * UTF-8, UTF-16LE and UTF-16BE. Returns "db/store: marker" for each hit. */
export function findMarkersAtRest(page: Page, markers: string[]): Promise<string[]> {
  return page.evaluate(async (markers) => {
    const encodings = (text: string): Uint8Array[] => {
      const utf8 = new TextEncoder().encode(text);
      const le = new Uint8Array(text.length * 2);
      const be = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        le[2 * i] = code & 0xff;
        le[2 * i + 1] = code >> 8;
        be[2 * i] = code >> 8;
        be[2 * i + 1] = code & 0xff;
      }
      return [utf8, le, be];
    };
    const contains = (hay: Uint8Array, needle: Uint8Array) => {
      outer: for (let i = 0; i + needle.length <= hay.length; i++) {
        for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
        return true;
      }
      return false;
    };
    const chunks: { where: string; bytes: Uint8Array }[] = [];
    const collect = async (where: string, value: unknown): Promise<void> => {
      if (value instanceof Uint8Array) chunks.push({ where, bytes: value });
      else if (value instanceof ArrayBuffer) chunks.push({ where, bytes: new Uint8Array(value) });
      else if (ArrayBuffer.isView(value)) {
        chunks.push({
          where,
          bytes: new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
        });
      } else if (value instanceof Blob) {
        chunks.push({ where, bytes: new Uint8Array(await value.arrayBuffer()) });
      } else if (typeof value === 'string') {
        for (const bytes of encodings(value)) chunks.push({ where, bytes });
      } else if (value && typeof value === 'object') {
        for (const inner of Object.values(value)) await collect(where, inner);
      }
    };
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      await collect(`database name`, name);
      const db = await request(indexedDB.open(name));
      for (const store of Array.from(db.objectStoreNames)) {
        await collect(`${name} store name`, store);
        const tx = db.transaction(store);
        const keys = await request(tx.objectStore(store).getAllKeys());
        const values = await request(tx.objectStore(store).getAll());
        await collect(`${name}/${store} key`, keys);
        await collect(`${name}/${store}`, values);
      }
      db.close();
    }
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      await collect('localStorage', [key, localStorage.getItem(key)]);
    }
    const hits: string[] = [];
    for (const marker of markers) {
      const needles = encodings(marker);
      for (const { where, bytes } of chunks) {
        if (needles.some((needle) => contains(bytes, needle))) hits.push(`${where}: ${marker}`);
      }
    }
    return [...new Set(hits)];
  }, markers);
}

/** The keys of one store of the vault, as JSON strings (to tell new records from old). */
export function vaultKeys(page: Page, store: string): Promise<string[]> {
  return page.evaluate(async (store) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('carnet-vault');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
      const r = db.transaction(store).objectStore(store).getAllKeys();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    db.close();
    return keys.map((key) => JSON.stringify(key));
  }, store);
}

/** Flips one byte of one stored value (a Uint8Array, or the `body` of a record). */
export function flipStoredByte(page: Page, store: string, key: string, offset: number) {
  return page.evaluate(
    async ({ store, key, offset }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('carnet-vault');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const tx = db.transaction(store, 'readwrite');
      const objects = tx.objectStore(store);
      const parsed = JSON.parse(key) as IDBValidKey;
      const value = await new Promise<unknown>((resolve, reject) => {
        const r = objects.get(parsed);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const bytes = value instanceof Uint8Array ? value : (value as { body: Uint8Array }).body;
      bytes[offset]! ^= 0x01;
      objects.put(value, parsed);
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    },
    { store, key, offset },
  );
}
