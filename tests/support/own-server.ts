import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, REPO_ROOT } from './server';

/**
 * A private copy of the built app served by `npm start`'s server on a free port, for tests that
 * change the files being served (an app update) without disturbing the shared test server.
 */
export class OwnServer {
  private constructor(
    readonly dist: string,
    readonly origin: string,
    private readonly child: ChildProcess,
    private readonly ownCopy: boolean,
  ) {}

  /**
   * `serve`: a folder to serve as it is (default: a fresh copy of the built app, removed by stop);
   * `args`: more flags for start.js (e.g. `--capture-signaling FILE`).
   */
  static async start(options: { serve?: string; args?: string[] } = {}): Promise<OwnServer> {
    const ownCopy = options.serve === undefined;
    const dist = options.serve ?? mkdtempSync(join(tmpdir(), 'carnet-dist-'));
    if (ownCopy) cpSync(DIST, dist, { recursive: true });
    const child = spawn(
      process.execPath,
      [
        'src/server/start.js',
        ...['--host', '127.0.0.1', '--port', '0', '--dist', dist],
        ...(options.args ?? []),
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const origin = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /App: +(http:\/\/[^/\s]+)\//.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
    return new OwnServer(dist, origin, child, ownCopy);
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
    if (this.ownCopy) rmSync(this.dist, { recursive: true, force: true });
  }
}
