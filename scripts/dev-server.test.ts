/**
 * npm start's decisions (scripts/dev-server.js): the port it serves on and its one-line answer to
 * a busy or bad one, reusing a valid development certificate instead of letting
 * office-addin-dev-certs make a new certificate authority, and noticing that sudo is missing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { tempDir } from '../test/support/tmp';

/* eslint-disable @typescript-eslint/no-require-imports */
const dev = require('./dev-server.js') as {
  StartError: new (message: string, exitCode: number) => Error & { exitCode: number };
  parseStartArgs: (argv: string[]) => { port?: number };
  portIsFree: (port: number, host?: string) => Promise<boolean>;
  choosePort: (requested: number | undefined, host?: string) => Promise<number>;
  reusableCertificates: (dir: string, now: Date) => { ok: boolean; reason?: string };
  hasCommand: (command: string, searchPath?: string) => boolean;
};
const { generateCertificates } = require('office-addin-dev-certs/lib/generate') as {
  generateCertificates: (ca: string, cert: string, key: string, days?: number, domains?: string[]) => Promise<void>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Listens on a free port of localhost until closed. */
async function occupy(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen({ port: 0, host: 'localhost' }, resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the port', () => {
  test.each([
    [['--port', '3001'], 3001], [['--port=8443'], 8443], [[], undefined],
  ])('%j gives port %s', (argv, port) => expect(dev.parseStartArgs(argv as string[]).port).toBe(port));

  test.each([[['--port', 'abc']], [['--port', '70000']], [['--port']], [['--verbose']]])('%j is bad usage (exit 2)', (argv) => {
    expect(() => dev.parseStartArgs(argv)).toThrow(dev.StartError);
    try { dev.parseStartArgs(argv); } catch (e) { expect((e as { exitCode: number }).exitCode).toBe(2); }
  });

  test('a busy port asked for is refused in one line (exit 1); a free one is taken', async () => {
    const busy = await occupy();
    try {
      expect(await dev.portIsFree(busy.port)).toBe(false);
      await expect(dev.choosePort(busy.port)).rejects.toThrow(new RegExp(`^npm start: port ${busy.port} is in use[^\\n]*--port[^\\n]*$`));
    } finally {
      await busy.close();
    }
    expect(await dev.choosePort(busy.port)).toBe(busy.port);
  });

  test('npm start with a busy --port says so in one line on stderr and exits 1, before building anything', async () => {
    const busy = await occupy();
    try {
      const run = spawnSync(process.execPath, [path.join(__dirname, 'start.js'), '--port', String(busy.port)], { encoding: 'utf8', timeout: 60_000 });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(`port ${busy.port} is in use`);
      expect(run.stdout).toBe('');
    } finally {
      await busy.close();
    }
  }, 90_000);
});

describe('the development certificate', () => {
  const files = (dir: string): [string, string, string] => [path.join(dir, 'ca.crt'), path.join(dir, 'localhost.crt'), path.join(dir, 'localhost.key')];

  test('a valid certificate for localhost, signed by its CA, is reused as it is', async () => {
    const dir = tempDir();
    await generateCertificates(...files(dir), 30);
    expect(dev.reusableCertificates(dir, new Date())).toMatchObject({ ok: true });
  }, 60_000);

  test('anything else is made again, with the reason: missing, expiring, another CA, another key', async () => {
    const a = tempDir();
    const b = tempDir();
    await generateCertificates(...files(a), 30);
    await generateCertificates(...files(b), 30);
    expect(dev.reusableCertificates(tempDir(), new Date())).toEqual({ ok: false, reason: 'no localhost.key' });
    expect(dev.reusableCertificates(a, new Date(Date.now() + 30 * 24 * 3600 * 1000)).reason).toMatch(/expires on/);
    const mixed = tempDir();
    mkdirSync(mixed, { recursive: true });
    copyFileSync(path.join(a, 'localhost.crt'), path.join(mixed, 'localhost.crt'));
    copyFileSync(path.join(a, 'localhost.key'), path.join(mixed, 'localhost.key'));
    copyFileSync(path.join(b, 'ca.crt'), path.join(mixed, 'ca.crt'));
    expect(dev.reusableCertificates(mixed, new Date()).reason).toBe('the certificate is not signed by ca.crt');
    copyFileSync(path.join(a, 'ca.crt'), path.join(mixed, 'ca.crt'));
    copyFileSync(path.join(b, 'localhost.key'), path.join(mixed, 'localhost.key'));
    expect(dev.reusableCertificates(mixed, new Date()).reason).toBe('localhost.key does not match the certificate');
    writeFileSync(path.join(mixed, 'localhost.crt'), 'not a certificate');
    expect(dev.reusableCertificates(mixed, new Date()).reason).toMatch(/^unreadable certificate/);
  }, 90_000);
});

test('sudo is looked for on the PATH, as an executable', () => {
  const dir = tempDir();
  expect(dev.hasCommand('sudo', dir)).toBe(false);
  writeFileSync(path.join(dir, 'sudo'), '#!/bin/sh\n');
  expect(dev.hasCommand('sudo', dir)).toBe(false);
  chmodSync(path.join(dir, 'sudo'), 0o755);
  expect(dev.hasCommand('sudo', `/nonexistent${path.delimiter}${dir}`)).toBe(true);
});
