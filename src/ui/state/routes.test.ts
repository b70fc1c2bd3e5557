import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './routes';

describe('hash routes', () => {
  it('reads the screens from the fragment', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#')).toEqual({ name: 'home' });
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#/settings/')).toEqual({ name: 'settings' });
    expect(parseRoute('#/scan')).toEqual({ name: 'coming', feature: 'scan' });
    expect(parseRoute('#/create')).toEqual({ name: 'create' });
    expect(parseRoute('#/record')).toEqual({ name: 'record' });
  });

  it('sends an unknown address to not-found, keeping what was asked', () => {
    expect(parseRoute('#/nowhere')).toEqual({ name: 'not-found', path: '/nowhere' });
  });

  it('writes back what it reads', () => {
    for (const hash of ['#/', '#/settings', '#/create', '#/open', '#/record', '#/scan', '#/x/y']) {
      expect(href(parseRoute(hash))).toBe(hash);
    }
  });
});
