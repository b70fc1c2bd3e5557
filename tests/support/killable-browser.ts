import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';

/**
 * A Chromium we start ourselves (not through Playwright's launcher), so a test can kill its whole
 * process group with SIGKILL — a crash, not a clean close — and start it again on the same profile
 * directory, as a phone does after the app is killed.
 */
export class KillableBrowser {
  private constructor(
    private readonly child: ChildProcess,
    readonly browser: Browser,
  ) {}

  static async launch(userDataDir: string, extraArgs: string[] = []): Promise<KillableBrowser> {
    const child = spawn(
      chromiumPath(),
      [
        ...CHROMIUM_ARGS,
        ...extraArgs,
        '--headless',
        `--user-data-dir=${userDataDir}`,
        '--remote-debugging-port=0',
        'about:blank',
      ],
      {
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'carnet-xdg-')) },
      },
    );
    const endpoint = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`chromium exited (${code}): ${output}`)));
    });
    return new KillableBrowser(child, await chromium.connectOverCDP(endpoint));
  }

  /** SIGKILL to Chromium and every process it started; resolves once it is gone. */
  async kill(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    process.kill(-this.child.pid!, 'SIGKILL');
    await exited;
  }

  static tempProfile(): string {
    return mkdtempSync(join(tmpdir(), 'carnet-profile-'));
  }
}
