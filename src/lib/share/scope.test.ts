import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../crypto';
import { createEntry, deleteEntry, getEntry, updateIdentity, type EntryKind } from '../record';
import { fillSampleRecord } from '../record/sample-record';
import {
  ShareScopeError,
  buildShareDoc,
  resolveShareScope,
  shareDocOf,
  summarizeShare,
  type ShareScope,
} from './scope';

// 1 March 2025 at midday UTC: the same calendar day on any device from UTC-11 to UTC+11.
const NOW = Date.UTC(2025, 2, 1, 12);
const FILE_IDS = { recent: newId(), confidential: newId() };
const FILE = { mime: 'application/pdf', contentHash: 'a'.repeat(64) };

/** A marker string naming an entry, that no other marker contains. */
const mark = (key: string) => `[[${key}]]`;
const MARKS = /\[\[([a-z-]+)\]\]/g;
const marksIn = (bytes: Uint8Array) =>
  new Set([...Buffer.from(bytes).toString('latin1').matchAll(MARKS)].map((match) => match[1]!));

/**
 * A record with one of everything the rules tell apart. Every text holds a marker naming the
 * entry, so a test can look for it in the bytes a share would send.
 */
function craftedRecord() {
  const doc = new Y.Doc();
  updateIdentity(doc, {
    familyName: mark('family-name'),
    givenNames: mark('given-names'),
    birthDate: '1980-04-12',
    sex: 'female',
    bloodGroup: 'O-',
    ins: '2 55 08 14 168 025 38',
  });
  doc.getMap('profile').set('nickname', mark('nickname'));
  const document = (key: string, date: string, extra: Record<string, unknown> = {}) =>
    createEntry(doc, 'document', { title: mark(key), type: 'report', date, ...extra });
  const ids = {
    oldAllergy: createEntry(doc, 'allergy', { substance: mark('allergy'), date: '2010-05-01' }),
    activeMedication: createEntry(doc, 'medication', {
      name: mark('active-medication'),
      startDate: '2020-01-01',
    }),
    recentFinishedMedication: createEntry(doc, 'medication', {
      name: mark('recent-finished-medication'),
      startDate: '2024-06-01',
      endDate: '2024-06-10',
      status: 'completed',
    }),
    activeCondition: createEntry(doc, 'condition', {
      name: mark('active-condition'),
      startDate: '2019-01-01',
    }),
    resolvedCondition: createEntry(doc, 'condition', {
      name: mark('resolved-condition'),
      status: 'resolved',
      startDate: '1990-01-01',
    }),
    emergencyContact: createEntry(doc, 'contact', {
      name: mark('emergency-contact'),
      role: 'family',
      emergency: true,
    }),
    trustedPerson: createEntry(doc, 'contact', {
      name: mark('trusted-person'),
      role: 'trusted-person',
    }),
    gp: createEntry(doc, 'contact', { name: mark('gp'), role: 'gp' }),
    friend: createEntry(doc, 'contact', { name: mark('friend'), role: 'friend' }),
    familyHistory: createEntry(doc, 'family-history', {
      relationship: 'mother',
      condition: mark('family-history'),
    }),
    organDonation: createEntry(doc, 'directive', { type: 'organ-donation', choice: 'consents' }),
    directiveDocument: document('directive-document', '2015-06-01'),
    confidentialDirectiveDocument: document('confidential-directive-document', '2016-06-01', {
      confidential: true,
    }),
    recentDocument: document('recent-document', '2024-09-01', {
      ...FILE,
      fileId: FILE_IDS.recent,
      name: 'recent.pdf',
      size: 1000,
    }),
    justInside: document('just-inside', '2024-03-01'),
    justOutside: document('just-outside', '2024-02-29'),
    today: document('today', '2025-03-01'),
    confidential: document('confidential', '2024-10-01', {
      ...FILE,
      fileId: FILE_IDS.confidential,
      name: 'psy.pdf',
      size: 5000,
      confidential: true,
    }),
    binned: document('binned', '2024-11-01'),
    recentMeasurement: createEntry(doc, 'measurement', {
      type: 'weight',
      date: '2024-12-01T08:00:00Z',
      value: 60,
      unit: 'kg',
      note: mark('recent-measurement'),
    }),
    futureAppointment: createEntry(doc, 'appointment', {
      start: '2025-04-01T09:00:00Z',
      reason: mark('future-appointment'),
    }),
  };
  const directives = {
    advanceDirective: createEntry(doc, 'directive', {
      type: 'advance-directive',
      documentId: ids.directiveDocument,
    }),
    confidentialDirective: createEntry(doc, 'directive', {
      type: 'advance-directive',
      text: mark('confidential-directive-text'),
      documentId: ids.confidentialDirectiveDocument,
    }),
  };
  deleteEntry(doc, ids.binned, NOW);
  return { doc, ids: { ...ids, ...directives } };
}

type Ids = ReturnType<typeof craftedRecord>['ids'];
type Key = keyof Ids;

/** The names of the crafted entries a scope shares, sorted. */
function sharedKeys(doc: Y.Doc, ids: Ids, scope: ShareScope): Key[] {
  const { entryIds } = resolveShareScope(doc, scope, NOW);
  const keyOf = new Map(Object.entries(ids).map(([key, id]) => [id, key as Key]));
  return entryIds.map((id) => keyOf.get(id) ?? (id as Key)).sort();
}

describe('the emergency summary', () => {
  it('holds what an emergency doctor needs and nothing else', () => {
    const { doc, ids } = craftedRecord();
    expect(sharedKeys(doc, ids, { presets: ['emergency-summary'] })).toEqual(
      [
        'activeCondition',
        'activeMedication',
        'advanceDirective',
        'confidentialDirective',
        'directiveDocument',
        'emergencyContact',
        'gp',
        'oldAllergy',
        'organDonation',
        'trustedPerson',
      ].sort(),
    );
  });

  it('shares the identity basics and the blood group, not the INS', () => {
    const { doc } = craftedRecord();
    expect(resolveShareScope(doc, { presets: ['emergency-summary'] }, NOW).identity).toEqual({
      familyName: mark('family-name'),
      givenNames: mark('given-names'),
      birthDate: '1980-04-12',
      sex: 'female',
      bloodGroup: 'O-',
    });
  });
});

describe('the last 12 months', () => {
  it('holds the entries dated from the same day a year ago up to today', () => {
    const { doc, ids } = craftedRecord();
    expect(sharedKeys(doc, ids, { presets: ['last-12-months'] })).toEqual(
      [
        'justInside',
        'recentDocument',
        'recentFinishedMedication',
        'recentMeasurement',
        'today',
      ].sort(),
    );
  });

  it('moves with now', () => {
    const { doc, ids } = craftedRecord();
    const aDayLater = NOW + 86_400_000;
    const { entryIds } = resolveShareScope(doc, { presets: ['last-12-months'] }, aDayLater);
    expect(entryIds).not.toContain(ids.justInside);
    expect(entryIds).toContain(ids.recentDocument);
  });

  it('starts on 1 March when today is 29 February', () => {
    const doc = new Y.Doc();
    const first = createEntry(doc, 'allergy', { substance: 'A', date: '2023-03-01' });
    createEntry(doc, 'allergy', { substance: 'B', date: '2023-02-28' });
    const leapDay = Date.UTC(2024, 1, 29, 12);
    expect(resolveShareScope(doc, { presets: ['last-12-months'] }, leapDay).entryIds).toEqual([
      first,
    ]);
  });

  it('shares who the patient is, not the blood group or the INS', () => {
    const { doc } = craftedRecord();
    const { identity } = resolveShareScope(doc, { presets: ['last-12-months'] }, NOW);
    expect(Object.keys(identity).sort()).toEqual(['birthDate', 'familyName', 'givenNames']);
  });
});

describe('everything not confidential', () => {
  it('holds every entry but confidential documents and the bin', () => {
    const { doc, ids } = craftedRecord();
    const expected = (Object.keys(ids) as Key[])
      .filter((key) => !['confidential', 'confidentialDirectiveDocument', 'binned'].includes(key))
      .sort();
    expect(sharedKeys(doc, ids, { presets: ['everything'] })).toEqual(expected);
  });

  it('shares the whole identity, and nothing else of the profile', () => {
    const { doc } = craftedRecord();
    const share = buildShareDoc(doc, { presets: ['everything'] }, NOW);
    expect(share.getMap('profile').toJSON()).toEqual({
      familyName: mark('family-name'),
      givenNames: mark('given-names'),
      birthDate: '1980-04-12',
      sex: 'female',
      bloodGroup: 'O-',
      ins: '255081416802538',
    });
  });
});

describe('picking by hand', () => {
  it('a confidential document picked one by one is shared, with its file', () => {
    const { doc, ids } = craftedRecord();
    const resolved = resolveShareScope(doc, { entryIds: [ids.confidential] }, NOW);
    expect(resolved.entryIds).toEqual([ids.confidential]);
    expect(resolved.fileIds).toEqual([FILE_IDS.confidential]);
    expect(resolved.identity).toEqual({});
  });

  it('a confidential document is left out when chosen by kind, period or everything', () => {
    const { doc, ids } = craftedRecord();
    const scopes: ShareScope[] = [
      { kinds: ['document'] },
      { period: { from: '2024-10-01', to: '2024-10-01' } },
      { kinds: ['document'], period: { from: '2000-01-01' } },
      { presets: ['everything', 'last-12-months', 'emergency-summary'] },
    ];
    for (const scope of scopes) {
      const { entryIds, fileIds } = resolveShareScope(doc, scope, NOW);
      expect(entryIds).not.toContain(ids.confidential);
      expect(fileIds).not.toContain(FILE_IDS.confidential);
    }
  });

  it('an entry in the bin is never shared, even picked one by one', () => {
    const { doc, ids } = craftedRecord();
    const scope: ShareScope = { entryIds: [ids.binned], presets: ['everything'] };
    expect(resolveShareScope(doc, scope, NOW).entryIds).not.toContain(ids.binned);
    expect(resolveShareScope(doc, { entryIds: ['no-such-entry'] }, NOW).entryIds).toEqual([]);
  });

  it('kinds and a period filter together, and add to the entries picked', () => {
    const { doc, ids } = craftedRecord();
    const scope: ShareScope = {
      kinds: ['document', 'measurement'],
      period: { from: '2024-09-01', to: '2024-12-31' },
      entryIds: [ids.friend],
      identity: ['birthDate'],
    };
    expect(sharedKeys(doc, ids, scope)).toEqual(['friend', 'recentDocument', 'recentMeasurement']);
    expect(resolveShareScope(doc, scope, NOW).identity).toEqual({ birthDate: '1980-04-12' });
  });

  it('a kind alone takes all its entries; a period alone takes all kinds but undated ones', () => {
    const { doc, ids } = craftedRecord();
    expect(sharedKeys(doc, ids, { kinds: ['contact'] })).toEqual(
      ['emergencyContact', 'friend', 'gp', 'trustedPerson'].sort(),
    );
    expect(sharedKeys(doc, ids, { period: { to: '2015-12-31' } })).toEqual(
      ['directiveDocument', 'oldAllergy', 'resolvedCondition'].sort(),
    );
    expect(sharedKeys(doc, ids, { kinds: ['family-history'], period: {} })).toEqual([
      'familyHistory',
    ]);
  });

  it('an empty scope shares nothing', () => {
    const { doc } = craftedRecord();
    expect(resolveShareScope(doc, {}, NOW)).toEqual({ entryIds: [], fileIds: [], identity: {} });
    expect(resolveShareScope(doc, { kinds: [], presets: [] }, NOW).entryIds).toEqual([]);
  });

  it('a malformed scope is refused with a code', () => {
    const { doc } = craftedRecord();
    const codeOf = (scope: unknown) => {
      try {
        resolveShareScope(doc, scope as ShareScope, NOW);
        return null;
      } catch (error) {
        return error instanceof ShareScopeError ? error.code : error;
      }
    };
    expect(codeOf({ presets: ['all'] })).toBe('unknown-preset');
    expect(codeOf({ kinds: ['note'] })).toBe('unknown-kind');
    expect(codeOf({ identity: ['nickname'] })).toBe('unknown-identity-field');
    expect(codeOf({ period: { from: '2024-02-30' } })).toBe('invalid-period');
    expect(codeOf({ period: { from: '2024-03-01', to: '2024-02-01' } })).toBe('invalid-period');
    expect(codeOf({ period: { to: '2024-03-01T00:00:00Z' } })).toBe('invalid-period');
  });
});

describe('the share doc', () => {
  it('holds the chosen entries with the same ids and fields as the record', () => {
    const { doc, ids } = craftedRecord();
    const scope: ShareScope = { presets: ['emergency-summary'] };
    const resolved = resolveShareScope(doc, scope, NOW);
    const entries = buildShareDoc(doc, scope, NOW).getMap('entries').toJSON();
    expect(Object.keys(entries).sort()).toEqual(resolved.entryIds);
    for (const id of resolved.entryIds) expect(entries[id]).toEqual(getEntry(doc, id));
    expect(entries[ids.gp]).toMatchObject({ kind: 'contact', role: 'gp', name: mark('gp') });
  });

  it('sends no text of an entry left out, not even in its encoded history', () => {
    const { doc, ids } = craftedRecord();
    const scope: ShareScope = { presets: ['emergency-summary'], entryIds: [ids.recentDocument] };
    const sent = Y.encodeStateAsUpdate(buildShareDoc(doc, scope, NOW));
    const shared = [
      'family-name',
      'given-names',
      'allergy',
      'active-medication',
      'active-condition',
      'emergency-contact',
      'trusted-person',
      'gp',
      'directive-document',
      'confidential-directive-text',
      'recent-document',
    ];
    expect([...marksIn(sent)].sort()).toEqual(shared.sort());
    const everyMark = marksIn(Y.encodeStateAsUpdate(doc));
    const excluded = [...everyMark].filter((key) => !shared.includes(key));
    expect(excluded).toEqual(expect.arrayContaining(['confidential', 'binned', 'nickname']));
    for (const key of excluded) {
      expect(Buffer.from(sent).includes(Buffer.from(mark(key))), key).toBe(false);
    }
  });

  it('is a copy: editing the record afterwards does not change it', () => {
    const { doc, ids } = craftedRecord();
    const share = buildShareDoc(doc, { entryIds: [ids.gp] }, NOW);
    createEntry(doc, 'contact', { name: 'Later', role: 'gp' });
    expect(Object.keys(share.getMap('entries').toJSON())).toEqual([ids.gp]);
  });

  it('leaves out an entry binned between resolving and building', () => {
    const { doc, ids } = craftedRecord();
    const resolved = resolveShareScope(doc, { entryIds: [ids.gp, ids.friend] }, NOW);
    deleteEntry(doc, ids.friend, NOW);
    expect(Object.keys(shareDocOf(doc, resolved).getMap('entries').toJSON())).toEqual([ids.gp]);
  });
});

describe('the summary', () => {
  it('counts entries per kind, files and their bytes, and names the identity fields', () => {
    const { doc, ids } = craftedRecord();
    const scope: ShareScope = {
      presets: ['last-12-months'],
      entryIds: [ids.confidential],
    };
    expect(summarizeShare(doc, resolveShareScope(doc, scope, NOW))).toEqual({
      entries: 6,
      byKind: { document: 4, medication: 1, measurement: 1 },
      files: 2,
      bytes: 6000,
      identity: ['familyName', 'givenNames', 'birthDate'],
    });
  });
});

describe('a 10,000-entry record', () => {
  it('resolves and builds "everything" in well under a second or two', () => {
    const doc = new Y.Doc();
    fillSampleRecord(doc, 10_000);
    const started = performance.now();
    const resolved = resolveShareScope(doc, { presets: ['everything'] }, NOW);
    const share = shareDocOf(doc, resolved);
    const summary = summarizeShare(doc, resolved);
    const elapsed = performance.now() - started;
    expect(resolved.entryIds).toHaveLength(10_000);
    expect(share.getMap('entries').size).toBe(10_000);
    const total = Object.values(summary.byKind).reduce((sum, count) => sum + count, 0);
    expect(total).toBe(10_000);
    expect((Object.keys(summary.byKind) as EntryKind[]).sort()).toContain('document');
    expect(elapsed).toBeLessThan(3000);
  }, 60_000);
});
