import { describe, expect, it } from 'vitest';
import { ENTRY_KINDS, type Entry } from '../../lib/record';
import { en, fr } from '../i18n/areas/receive';
import type { FileView } from './reception.svelte';
import { DEPOSIT_OUTCOMES, END_REASONS, PROGRESS_STEPS } from './reception-messages';
import {
  SHARED_KIND_ORDER,
  fileArrival,
  fractionOf,
  groupByKind,
  groupedCode,
  identityLines,
  viewerFor,
} from './shared-record';

function entry(id: string, fields: Partial<Entry> & Pick<Entry, 'kind'>): Entry {
  return { id, createdAt: 0, updatedAt: 0, source: 'patient', ...fields };
}

function file(fields: Partial<FileView>): FileView {
  return {
    fileId: 'f1',
    name: 'scan.pdf',
    mime: 'application/pdf',
    size: 1000,
    received: 0,
    complete: false,
    failed: false,
    ...fields,
  };
}

describe('groupByKind', () => {
  it('groups the shared entries like the record, allergies first, newest first in each', () => {
    const groups = groupByKind([
      entry('d1', { kind: 'document', title: 'Old letter', date: '2020-01-01' }),
      entry('m1', { kind: 'medication', name: 'Metformin' }),
      entry('a1', { kind: 'allergy', substance: 'Penicillin', date: '2019-05-01' }),
      entry('d2', { kind: 'document', title: 'Recent scan', date: '2024-03-02' }),
      entry('c1', { kind: 'contact', name: 'Dr House', updatedAt: 5 }),
      entry('c2', { kind: 'contact', name: 'Dr Who', updatedAt: 9 }),
    ]);
    expect(groups.map((group) => group.kind)).toEqual([
      'allergy',
      'medication',
      'document',
      'contact',
    ]);
    expect(groups.find((group) => group.kind === 'document')!.entries.map((e) => e.id)).toEqual([
      'd2',
      'd1',
    ]);
    // Undated kinds: most recently changed first.
    expect(groups.find((group) => group.kind === 'contact')!.entries.map((e) => e.id)).toEqual([
      'c2',
      'c1',
    ]);
  });

  it('places every kind, and shows nothing for an empty share', () => {
    expect([...SHARED_KIND_ORDER].sort()).toEqual([...ENTRY_KINDS].sort());
    expect(groupByKind([])).toEqual([]);
  });
});

describe('fileArrival', () => {
  const files = [
    file({ fileId: 'half', received: 400 }),
    file({ fileId: 'almost', received: 999 }),
    file({ fileId: 'done', received: 1000, complete: true }),
    file({ fileId: 'broken', received: 10, failed: true }),
  ];

  it('tells a file not sent yet, arriving, complete and failed apart', () => {
    expect(fileArrival(undefined, files)).toEqual({ state: 'none' });
    expect(fileArrival('', files)).toEqual({ state: 'none' });
    expect(fileArrival('other', files)).toEqual({ state: 'waiting' });
    expect(fileArrival('half', files)).toEqual({ state: 'receiving', fraction: 0.4 });
    expect(fileArrival('done', files)).toEqual({ state: 'complete', file: files[2] });
    expect(fileArrival('broken', files)).toEqual({ state: 'failed' });
  });

  it('never says 100 % before the last byte', () => {
    expect(fileArrival('almost', files)).toEqual({ state: 'receiving', fraction: 0.99 });
    expect(fractionOf(999, 1000)).toBe(0.99);
    expect(fractionOf(1000, 1000)).toBe(1);
    expect(fractionOf(0, 0)).toBe(0);
    expect(fractionOf(5, 0)).toBe(1);
  });
});

describe('viewerFor', () => {
  it('opens PDFs and the images browsers draw, nothing else', () => {
    expect(viewerFor('application/pdf')).toBe('pdf');
    expect(viewerFor('Application/PDF; charset=binary')).toBe('pdf');
    expect(viewerFor('image/jpeg')).toBe('image');
    expect(viewerFor('image/png')).toBe('image');
    expect(viewerFor('image/heic')).toBeNull();
    expect(viewerFor('text/html')).toBeNull();
    expect(viewerFor('')).toBeNull();
  });
});

describe('identity and code', () => {
  it('lists the shared identity fields in the profile order, skipping blanks and others', () => {
    expect(
      identityLines({ ins: '255081416802538', familyName: 'Durand', givenNames: ' ', nick: 'x' }),
    ).toEqual([
      { field: 'familyName', value: 'Durand' },
      { field: 'ins', value: '255081416802538' },
    ]);
  });

  it('groups the code in threes', () => {
    expect(groupedCode('123456')).toBe('123 456');
    expect(groupedCode('12345')).toBe('12345');
  });
});

describe('messages', () => {
  it('has words in both languages for every step, end and deposit outcome', () => {
    const keys = [
      ...Object.values(PROGRESS_STEPS).flatMap((step) => [step.title, step.body]),
      ...Object.values(END_REASONS).flatMap((end) => [end.title, end.body]),
      ...Object.values(DEPOSIT_OUTCOMES),
    ];
    for (const key of keys) {
      expect(en[key as keyof typeof en], key).toBeTruthy();
      expect(fr[key as keyof typeof fr], key).toBeTruthy();
    }
  });
});
