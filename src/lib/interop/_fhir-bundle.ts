/**
 * A Bundle's resources and the references between them (FHIR R4 §2.36 "Resolving references in
 * Bundles"): by `fullUrl` (urn:uuid:…, absolute URLs), by `Type/id` relative to the bundle, and
 * `#id` for a resource contained in the one that refers to it.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { asArray, asObject, asObjects, asText, canonicalJson, type FhirObject } from './_fhir-json';

export type BundleItem = { resource: FhirObject; fullUrl: string | undefined; position: number };

const HISTORY = /\/_history\/.*$/;
const TYPE_AND_ID = /([A-Z][A-Za-z]+)\/([A-Za-z0-9.-]{1,64})$/;

export class FhirBundle {
  readonly #byKey = new Map<string, BundleItem>();
  /** Bundle entries used by another resource's mapping (a Medication, a Binary). */
  readonly consumed = new Set<BundleItem>();

  constructor(readonly items: readonly BundleItem[]) {
    for (const item of items) {
      if (item.fullUrl) this.#byKey.set(item.fullUrl, item);
      const type = asText(item.resource.resourceType);
      const id = asText(item.resource.id);
      if (type && id && !this.#byKey.has(`${type}/${id}`)) this.#byKey.set(`${type}/${id}`, item);
    }
  }

  /** The resource a Reference (or a bare reference string) points to, inside the bundle. */
  resolve(reference: unknown, from: BundleItem): FhirObject | undefined {
    const target =
      typeof reference === 'string' ? reference : asText(asObject(reference)?.reference);
    if (!target) return undefined;
    if (target.startsWith('#')) {
      return asObjects(from.resource.contained).find((c) => c.id === target.slice(1));
    }
    const item = this.item(target);
    return item?.resource;
  }

  /** The bundle entry a reference string names, if it is in the bundle. */
  item(reference: string): BundleItem | undefined {
    const target = reference.replace(HISTORY, '');
    const exact = this.#byKey.get(target);
    if (exact) return exact;
    const match = TYPE_AND_ID.exec(target);
    return match ? this.#byKey.get(`${match[1]}/${match[2]}`) : undefined;
  }

  /** Marks the entry a reference names as used by another resource's mapping. */
  consume(reference: unknown): void {
    const target =
      typeof reference === 'string' ? reference : asText(asObject(reference)?.reference);
    const item = target && !target.startsWith('#') ? this.item(target) : undefined;
    if (item) this.consumed.add(item);
  }
}

/** The items of a Bundle, or of one resource given alone (an Apple Health clinical record). */
export function bundleItems(root: FhirObject): BundleItem[] {
  if (root.resourceType !== 'Bundle') {
    return [{ resource: root, fullUrl: undefined, position: 0 }];
  }
  return asArray(root.entry).flatMap((entry, position) => {
    const resource = asObject(asObject(entry)?.resource);
    if (!resource || !asText(resource.resourceType)) return [];
    return [{ resource, fullUrl: asText(asObject(entry)?.fullUrl), position }];
  });
}

/** 128 bits of SHA-256, in hex: the same input always gives the same key. */
function hashKey(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 32);
}

/** The fullUrl Carnet's export gives a kept resource: `urn:carnet:import-key:<key>`. */
export const IMPORT_KEY_URN = 'urn:carnet:import-key:';

const ABSOLUTE = /^(?:urn:(?:uuid|oid):|https?:\/\/)/;

/**
 * A key that names a resource the same way each time the same file is imported: its first
 * business identifier (system + value), else its absolute fullUrl, else its id within the source,
 * else the resource's own canonical JSON. `part` tells apart several entries made from one
 * resource (a FamilyMemberHistory with two conditions).
 */
export function importKeyOf(item: BundleItem, source: string, part = ''): string {
  // A resource Carnet kept as it came, exported again: its key travels in its fullUrl.
  if (item.fullUrl?.startsWith(IMPORT_KEY_URN) && !part)
    return item.fullUrl.slice(IMPORT_KEY_URN.length);
  const { resource } = item;
  const type = asText(resource.resourceType) ?? '';
  const identifiers = Array.isArray(resource.identifier)
    ? asObjects(resource.identifier)
    : asObjects([resource.identifier]);
  const identifier = identifiers.find((i) => asText(i.system) && asText(i.value));
  let basis: string;
  if (identifier)
    basis = `identifier|${type}|${asText(identifier.system)}|${asText(identifier.value)}`;
  else if (item.fullUrl && ABSOLUTE.test(item.fullUrl)) basis = `url|${type}|${item.fullUrl}`;
  else if (asText(resource.id)) basis = `id|${source}|${type}|${asText(resource.id)}`;
  else basis = `json|${canonicalJson(resource)}`;
  return hashKey(part ? `${basis}#${part}` : basis);
}
