import { describe, expect, it } from 'vitest';
import { signalingUrls } from './signaling-url';

describe('signaling address', () => {
  it('is the relay beside the app when none was set at build time', () => {
    expect(signalingUrls([], { protocol: 'http:', host: '127.0.0.1:8080', pathname: '/' })).toEqual(
      ['ws://127.0.0.1:8080/signal'],
    );
  });

  it('is encrypted (wss) when the app is served over https, and keeps a sub-folder', () => {
    expect(
      signalingUrls([], {
        protocol: 'https:',
        host: 'care.example',
        pathname: '/carnet/index.html',
      }),
    ).toEqual(['wss://care.example/carnet/signal']);
  });

  it('uses the servers fixed at build time when there are some', () => {
    const built = ['wss://signal.example.org'];
    expect(signalingUrls(built, { protocol: 'https:', host: 'x', pathname: '/' })).toEqual(built);
  });
});
