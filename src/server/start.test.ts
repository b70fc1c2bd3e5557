import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

const START = fileURLToPath(new URL('./start.js', import.meta.url));

function run(args: string[]) {
  const child = spawn(process.execPath, [START, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('npm start', () => {
  it('serves the app and the signaling relay, prints both addresses, and stops on Ctrl-C', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'carnet-start-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Carnet</title>');
    const server = run(['--port', '0', '--dist', dist]);
    await expect.poll(() => server.output().stdout).toContain('Press Ctrl-C to stop.');

    const { stdout } = server.output();
    const app = /App: +(http:\/\/\S+)/.exec(stdout)?.[1];
    const signaling = /Signaling: +(ws:\/\/\S+)/.exec(stdout)?.[1];
    expect(app).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(signaling).toBe(`${app!.replace('http', 'ws')}signal`);

    const page = await fetch(app!);
    expect(await page.text()).toContain('<title>Carnet</title>');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${app}missing.js`)).status).toBe(404);

    const socket = new WebSocket(signaling!);
    const pong = await new Promise<string>((resolve, reject) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'ping' })));
      socket.on('message', (data) => resolve(data.toString()));
      socket.on('error', reject);
    });
    expect(JSON.parse(pong)).toEqual({ type: 'pong' });

    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    socket.terminate();
  });

  it('explains what to do when the app has not been built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'carnet-empty-'));
    const server = run(['--port', '0', '--dist', empty]);
    expect(await server.exited).toBe(1);
    expect(server.output().stderr).toMatch(/run "npm run build" first/);
  });

  it('refuses --https without a certificate and key', async () => {
    const server = run(['--port', '0', '--https', '--signaling-only']);
    expect(await server.exited).toBe(1);
    expect(server.output().stderr).toMatch(/--https needs --cert and --key/);
  });
});
