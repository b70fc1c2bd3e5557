import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, parseSignalingSetting } from './csp.js';

describe('content security policy', () => {
  it('allows no inline script, no eval and no other origin by default', () => {
    const policy = contentSecurityPolicy();
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(policy).toContain("connect-src 'self';");
    expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
  });

  it('adds the signaling servers fixed at build time to connect-src, and nothing else', () => {
    const { origins } = parseSignalingSetting('wss://signal.example.org/path, ws://10.0.0.2:4444');
    expect(origins).toEqual(['wss://signal.example.org', 'ws://10.0.0.2:4444']);
    const policy = contentSecurityPolicy({ signalingOrigins: origins });
    expect(policy).toContain("connect-src 'self' wss://signal.example.org ws://10.0.0.2:4444;");
  });

  it('fails the build on a signaling setting that is not a WebSocket URL', () => {
    expect(() => parseSignalingSetting('https://signal.example.org')).toThrow(
      /ws:\/\/ or wss:\/\//,
    );
    expect(() => parseSignalingSetting('not a url')).toThrow(/is not a URL/);
    expect(parseSignalingSetting(undefined)).toEqual({ urls: [], origins: [] });
  });
});
