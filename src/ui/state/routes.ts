/** The app's screens, addressed by the URL fragment so the app runs from any static host. */
import { ENTRY_KINDS, MEASUREMENT_TYPE_CODES, type EntryKind } from '../../lib/record';
import type { MeasurementType } from '../../lib/record';

export type ComingFeature = 'scan';

/** The record's sections, each a screen of its own under `#/record/<section>`. */
export const RECORD_SECTIONS = [
  'home',
  'documents',
  'profile',
  'agenda',
  'circle',
  'wishes',
  'story',
  'search',
  'bin',
  'family',
  'share',
  'emergency',
  'import',
] as const;
export type RecordSection = (typeof RECORD_SECTIONS)[number];

/**
 * What the record route shows: a section, or one thing inside it.
 * - `document`: the viewer of one document (`#/record/documents/<id>`)
 * - `measure`: the chart of one measure over time (`#/record/profile/measure/<type>`)
 * - `new`: the form adding an entry of a kind (`#/record/new/<kind>`); for a measurement, the
 *   measure may be chosen ahead (`#/record/new/measurement/<type>`, from that measure's chart)
 * - `entry`: one entry, to read, edit or delete (`#/record/entry/<id>`)
 */
export type RecordView =
  | { section: RecordSection }
  | { section: 'document'; id: string }
  | { section: 'measure'; type: MeasurementType }
  | { section: 'new'; kind: EntryKind; measure?: MeasurementType }
  | { section: 'entry'; id: string };

export type Route =
  | { name: 'home' }
  | { name: 'settings' }
  | { name: 'create' }
  | { name: 'open' }
  | { name: 'record'; view: RecordView }
  | { name: 'coming'; feature: ComingFeature }
  /** The professional's scanner of a patient's share code. */
  | { name: 'scan' }
  /** A share link opened by a professional: `#/s/<payload>` (the payload never reaches a server). */
  | { name: 'receive'; payload: string }
  | { name: 'not-found'; path: string };

const SIMPLE = ['settings', 'create', 'open', 'scan'] as const;
const COMING: readonly string[] = [] satisfies ComingFeature[];
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function oneOf<T extends string>(list: readonly T[], value: string | undefined): T | undefined {
  return list.find((candidate) => candidate === value);
}

function parseRecordView(parts: string[]): RecordView | null {
  const [first, second, third, ...rest] = parts;
  if (rest.length > 0) return null;
  if (first === undefined) return { section: 'home' };
  if (first === 'documents' && second !== undefined && third === undefined) {
    return ID.test(second) ? { section: 'document', id: second } : null;
  }
  if (first === 'profile' && second === 'measure') {
    const type = oneOf(MEASUREMENT_TYPE_CODES, third);
    return type ? { section: 'measure', type } : null;
  }
  if (first === 'new' && second === 'measurement' && third !== undefined) {
    const measure = oneOf(MEASUREMENT_TYPE_CODES, third);
    return measure ? { section: 'new', kind: 'measurement', measure } : null;
  }
  if (third !== undefined) return null;
  if (first === 'new') {
    const kind = oneOf(ENTRY_KINDS, second);
    return kind ? { section: 'new', kind } : null;
  }
  if (first === 'entry') return second && ID.test(second) ? { section: 'entry', id: second } : null;
  const section = oneOf(RECORD_SECTIONS, first);
  return section && section !== 'home' && second === undefined ? { section } : null;
}

/** `#/settings` → settings; an empty or bare `#` is home; anything unknown is not-found. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  const name = path.slice(1);
  const simple = SIMPLE.find((candidate) => candidate === name);
  if (simple) return { name: simple };
  if (COMING.includes(name)) return { name: 'coming', feature: name as ComingFeature };
  const [head, ...parts] = name.split('/');
  // Kept whole and unchecked here: the receive screen parses it and explains what is wrong.
  if (head === 's' && parts.length > 0) return { name: 'receive', payload: parts.join('/') };
  if (head === 'record') {
    const view = parseRecordView(parts.map(decodeURIComponent));
    if (view) return { name: 'record', view };
  }
  return { name: 'not-found', path };
}

/** The address of a screen of the record. */
export function recordHref(view: RecordView): string {
  switch (view.section) {
    case 'home':
      return '#/record';
    case 'document':
      return `#/record/documents/${view.id}`;
    case 'measure':
      return `#/record/profile/measure/${view.type}`;
    case 'new':
      return `#/record/new/${view.kind}${view.measure ? `/${view.measure}` : ''}`;
    case 'entry':
      return `#/record/entry/${view.id}`;
    default:
      return `#/record/${view.section}`;
  }
}

export function href(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'coming':
      return `#/${route.feature}`;
    case 'not-found':
      return `#${route.path}`;
    case 'record':
      return recordHref(route.view);
    case 'receive':
      return `#/s/${route.payload}`;
    default:
      return `#/${route.name}`;
  }
}

/** Where entries of a kind are listed: the section a form returns to once saved. */
export function sectionOfKind(kind: EntryKind): RecordSection {
  switch (kind) {
    case 'document':
      return 'documents';
    case 'appointment':
      return 'agenda';
    case 'contact':
      return 'circle';
    case 'directive':
      return 'wishes';
    default:
      return 'profile';
  }
}
