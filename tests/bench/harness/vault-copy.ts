/**
 * Copies a vault database from the harness's origin to the app's: IndexedDB belongs to one
 * origin, and the app's benches need a record far larger than its screens could type in. The
 * records cross as JSON, bytes as base64; the sealed values are copied as they are, so the app
 * opens exactly what lib/vault wrote.
 */

/** A stored value as JSON: bytes become `{ $bytes: base64 }`. */
export type PortableValue =
  null | boolean | number | string | PortableValue[] | { [field: string]: PortableValue };

export type PortableVault = {
  name: string;
  version: number;
  stores: { name: string; records: [key: PortableValue, value: PortableValue][] }[];
};

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(text);
}

/** In the harness page: a value read from IndexedDB, as JSON. */
export function toPortable(value: unknown): PortableValue {
  if (value instanceof Uint8Array) return { $bytes: toBase64(value) };
  if (value instanceof ArrayBuffer) return { $bytes: toBase64(new Uint8Array(value)) };
  if (Array.isArray(value)) return value.map(toPortable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([field, v]) => [field, toPortable(v)]));
  }
  if (value === undefined) throw new Error('undefined has no JSON form');
  return value as PortableValue;
}

/**
 * In the app's page, through page.evaluate (so it stands alone: no imports, no outer helpers).
 * Creates the stores the dump has if the database is new, writes every record, returns how many.
 */
export async function restoreVault(dump: PortableVault): Promise<number> {
  const fromPortable = (value: PortableValue): unknown => {
    if (Array.isArray(value)) return value.map(fromPortable);
    if (value && typeof value === 'object') {
      if (typeof value.$bytes === 'string') {
        const text = atob(value.$bytes);
        const bytes = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
        return bytes;
      }
      return Object.fromEntries(Object.entries(value).map(([f, v]) => [f, fromPortable(v)]));
    }
    return value;
  };
  const opening = indexedDB.open(dump.name, dump.version);
  opening.onupgradeneeded = () => {
    for (const { name } of dump.stores) {
      if (!opening.result.objectStoreNames.contains(name)) opening.result.createObjectStore(name);
    }
  };
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
  let written = 0;
  const tx = db.transaction(
    dump.stores.map((store) => store.name),
    'readwrite',
  );
  for (const { name, records } of dump.stores) {
    for (const [key, value] of records) {
      tx.objectStore(name).put(fromPortable(value), fromPortable(key) as IDBValidKey);
      written++;
    }
  }
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  db.close();
  return written;
}
