#!/usr/bin/env node
// @ts-check
/**
 * `npm start`: serves the built app (dist/) and the signaling relay on one origin, and prints both
 * addresses. Ctrl-C stops both.
 *
 *   node src/server/start.js [--host 127.0.0.1] [--port 8080] [--https --cert FILE --key FILE]
 *                            [--signaling-only] [--capture-signaling FILE]
 *
 * --capture-signaling appends every message the relay passes on to FILE, one JSON line each
 * ({topic, message}): the share tests read it to prove the relay never sees a record's content.
 * Environment: HOST, PORT, CARNET_TLS_CERT, CARNET_TLS_KEY mirror the flags.
 * Phones need HTTPS for the camera and the service worker on a LAN address: see README.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sirv from 'sirv';
import { attachSignaling } from './signaling.js';
import { securityHeaders } from './csp.js';

const SIGNALING_PATH = '/signal';

const { values: options } = parseArgs({
  options: {
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    https: { type: 'boolean', default: false },
    cert: { type: 'string', default: process.env.CARNET_TLS_CERT },
    key: { type: 'string', default: process.env.CARNET_TLS_KEY },
    dist: { type: 'string', default: fileURLToPath(new URL('../../dist', import.meta.url)) },
    'signaling-only': { type: 'boolean', default: false },
    'capture-signaling': { type: 'string' },
  },
});

/** @param {string} message */
function fail(message) {
  console.error(`carnet: ${message}`);
  process.exit(1);
}

const port = Number(options.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid port "${options.port}"`);

const useTls = options.https || Boolean(options.cert);
if (useTls && (!options.cert || !options.key)) {
  fail('--https needs --cert and --key (or CARNET_TLS_CERT and CARNET_TLS_KEY); see README.');
}
if (!options['signaling-only'] && !existsSync(`${options.dist}/index.html`)) {
  fail(`no built app in ${options.dist}: run "npm run build" first (npm start does it for you).`);
}

// `dev: true` makes sirv look each file up when asked instead of caching the folder at start-up:
// a rebuild while the server runs (or a deployed update) is then served whole, never with the old
// file's length. Every file is sent with `no-cache` + ETag, so browsers revalidate cheaply and an
// installed app always learns of a new service worker; offline use comes from the precache.
const serveApp = options['signaling-only'] ? null : sirv(options.dist, { dev: true, etag: true });

/** @type {import('node:http').RequestListener} */
function handle(req, res) {
  for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
  if (!serveApp) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Carnet signaling\n');
    return;
  }
  serveApp(req, res, () => {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
  });
}

const server = useTls
  ? createHttpsServer(
      {
        cert: readFileSync(/** @type {string} */ (options.cert)),
        key: readFileSync(/** @type {string} */ (options.key)),
      },
      handle,
    )
  : createHttpServer(handle);
const capture = options['capture-signaling'];
const relay = attachSignaling(
  server,
  SIGNALING_PATH,
  capture
    ? {
        onRelay: (topic, message) =>
          appendFileSync(capture, `${JSON.stringify({ topic, message })}\n`),
      }
    : {},
);

server.on('error', (error) => fail(error.message));
server.listen(port, options.host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const hosts = displayHosts(options.host);
  const http = useTls ? 'https' : 'http';
  const ws = useTls ? 'wss' : 'ws';
  const lines = ['Carnet is running.'];
  for (const host of hosts) {
    if (serveApp) lines.push(`  App:        ${http}://${host}:${actualPort}/`);
    lines.push(`  Signaling:  ${ws}://${host}:${actualPort}${SIGNALING_PATH}`);
  }
  lines.push('Press Ctrl-C to stop.');
  console.log(lines.join('\n'));
});

/** @param {string} host */
function displayHosts(host) {
  if (host !== '0.0.0.0' && host !== '::') return [host.includes(':') ? `[${host}]` : host];
  const lan = Object.values(networkInterfaces())
    .flat()
    .filter((info) => info && info.family === 'IPv4' && !info.internal)
    .map((info) => /** @type {import('node:os').NetworkInterfaceInfo} */ (info).address);
  return ['localhost', ...lan];
}

function stop() {
  console.log('\nStopping Carnet.');
  void relay.close();
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
