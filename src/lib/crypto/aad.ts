/**
 * Additional authenticated data: binds each ciphertext to its place (DESIGN §3), so a sealed value
 * copied or swapped into another slot, profile or purpose fails to open.
 */
import { utf8 } from './bytes';

export type Purpose =
  | 'master'
  | 'doc'
  | 'snapshot'
  | 'snapshot-key'
  | 'update-meta'
  | 'blob'
  | 'file'
  | 'label'
  /** A child's master key inside a parent's record: `<parentId>/<childId>` (vault/family.ts). */
  | 'guardian-key';

export function aad(purpose: Purpose, profileId: string, storeKey: string): Uint8Array {
  for (const part of [profileId, storeKey]) {
    if (part.includes('/')) throw new Error(`AAD parts may not contain "/": ${part}`);
  }
  return utf8(`carnet/v1/${purpose}/${profileId}/${storeKey}`);
}
