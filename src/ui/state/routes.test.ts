import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './routes';

describe('hash routes', () => {
  it('reads the screens from the fragment', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#')).toEqual({ name: 'home' });
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#/settings/')).toEqual({ name: 'settings' });
    expect(parseRoute('#/scan')).toEqual({ name: 'scan' });
    expect(parseRoute('#/create')).toEqual({ name: 'create' });
    expect(parseRoute('#/record')).toEqual({ name: 'record', view: { section: 'home' } });
    expect(parseRoute('#/record/documents')).toEqual({
      name: 'record',
      view: { section: 'documents' },
    });
    expect(parseRoute('#/record/documents/abc_D-1')).toEqual({
      name: 'record',
      view: { section: 'document', id: 'abc_D-1' },
    });
    expect(parseRoute('#/record/new/family-history')).toEqual({
      name: 'record',
      view: { section: 'new', kind: 'family-history' },
    });
    expect(parseRoute('#/s/AQID-_x')).toEqual({ name: 'receive', payload: 'AQID-_x' });
    expect(parseRoute('#/record/share')).toEqual({ name: 'record', view: { section: 'share' } });
    expect(parseRoute('#/record/new/measurement/blood-pressure')).toEqual({
      name: 'record',
      view: { section: 'new', kind: 'measurement', measure: 'blood-pressure' },
    });
    expect(parseRoute('#/record/new/contact/x').name).toBe('not-found');
    expect(parseRoute('#/record/new/measurement/mood').name).toBe('not-found');
    expect(parseRoute('#/record/profile/measure/spo2')).toEqual({
      name: 'record',
      view: { section: 'measure', type: 'spo2' },
    });
  });

  it('sends an unknown address to not-found, keeping what was asked', () => {
    expect(parseRoute('#/nowhere')).toEqual({ name: 'not-found', path: '/nowhere' });
    for (const hash of ['#/record/new/pizza', '#/record/home', '#/record/entry', '#/record/x']) {
      expect(parseRoute(hash).name, hash).toBe('not-found');
    }
    expect(parseRoute('#/record/profile/measure/mood').name).toBe('not-found');
    expect(parseRoute('#/record/documents/a/b').name).toBe('not-found');
  });

  it('writes back what it reads', () => {
    for (const hash of [
      '#/',
      '#/settings',
      '#/create',
      '#/open',
      '#/record',
      '#/record/agenda',
      '#/record/entry/abc',
      '#/record/new/contact',
      '#/record/new/measurement/spo2',
      '#/record/profile/measure/weight',
      '#/scan',
      '#/x/y',
    ]) {
      expect(href(parseRoute(hash))).toBe(hash);
    }
  });
});
