/**
 * The test-tools check of `npm test`: what it decides when a tool is present, missing, or
 * installable, tried with PATH pointing at directories of stand-in programs (nothing on this
 * machine is uninstalled or installed).
 */
import { chmodSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { TOOLS, ensureTestTools, findTool, type Runner } from './test-tools';
import { tempDir } from '../test/support/cli';

function dirWith(programs: Readonly<Record<string, string>>): string {
  const dir = tempDir('test-tools-');
  for (const [name, body] of Object.entries(programs)) {
    writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(dir, name), 0o755);
  }
  return dir;
}

const quiet = (): { lines: string[]; log: (line: string) => void } => {
  const lines: string[] = [];
  return { lines, log: (line) => lines.push(line) };
};
const noRun: Runner = () => { throw new Error('nothing should run'); };

describe('npm test installs the system programs the suites need', () => {
  test('finds nothing to do when Chromium and LibreOffice are on PATH', () => {
    const dir = dirWith({ chromium: 'exit 0', soffice: 'exit 0' });
    const out = quiet();
    expect(ensureTestTools({ env: { PATH: dir }, isRoot: true, run: noRun, log: out.log })).toBe(0);
    expect(out.lines).toEqual([]);
  });

  test('CHROMIUM_PATH points at Chromium instead of PATH, and must exist', () => {
    const dir = dirWith({ 'my-chrome': 'exit 0' });
    const chromium = TOOLS[0]!;
    expect(findTool(chromium, { PATH: '', CHROMIUM_PATH: path.join(dir, 'my-chrome') })).toBe(path.join(dir, 'my-chrome'));
    expect(findTool(chromium, { PATH: '', CHROMIUM_PATH: path.join(dir, 'absent') })).toBeNull();
  });

  test('as root with apt-get, installs exactly the missing packages, saying so, and checks again', () => {
    // A stand-in apt-get that "installs" by creating the programs next to itself.
    // PATH holds only this directory, so only shell builtins and absolute paths work in it.
    const dir = dirWith({ 'apt-get': 'd=${0%/*}; echo "$@" >> "$d/calls"; case "$1" in install) for p in chromium soffice; do echo "#!/bin/sh" > "$d/$p"; /bin/chmod +x "$d/$p"; done;; esac' });
    const out = quiet();
    const run: Runner = (command, args, env) => spawnSync(command, [...args], { env: { ...env } }).status ?? 1;
    expect(ensureTestTools({ env: { PATH: dir }, isRoot: true, run, log: out.log })).toBe(0);
    expect(out.lines.join('\n')).toContain('$ apt-get install -y --no-install-recommends chromium libreoffice-calc-nogui');
    expect(out.lines.at(-1)).toBe('test-tools: installed chromium, libreoffice-calc-nogui.');
    expect(spawnSync('cat', [path.join(dir, 'calls')]).stdout.toString()).toBe('update\ninstall -y --no-install-recommends chromium libreoffice-calc-nogui\n');
  });

  test('installs only what is missing', () => {
    const dir = dirWith({ soffice: 'exit 0', 'apt-get': 'exit 0' });
    const calls: string[][] = [];
    const run: Runner = (_command, args) => { calls.push([...args]); return 0; };
    const out = quiet();
    // The stand-in installs nothing, so the check after it fails loudly.
    expect(ensureTestTools({ env: { PATH: dir }, isRoot: true, run, log: out.log })).toBe(1);
    expect(calls).toEqual([['update'], ['install', '-y', '--no-install-recommends', 'chromium']]);
    expect(out.lines.at(-1)).toBe('test-tools: FAILED: still missing after the install: Chromium (chromium).');
  });

  test.each([
    ['not root', { isRoot: false, env: {} }, 'not running as root'],
    ['no apt-get', { isRoot: true, env: {} }, 'apt-get not found'],
    ['installs turned off', { isRoot: true, env: { COMPETENCY_TEST_NO_INSTALL: '1' } }, 'COMPETENCY_TEST_NO_INSTALL=1'],
  ])('fails loudly, saying how to install, when it cannot install (%s)', (_name, machine, why) => {
    const dir = dirWith(machine.isRoot && why !== 'apt-get not found' ? { 'apt-get': 'exit 0' } : {});
    const out = quiet();
    expect(ensureTestTools({ env: { PATH: dir, ...machine.env }, isRoot: machine.isRoot, run: noRun, log: out.log })).toBe(1);
    const text = out.lines.join('\n');
    expect(text).toContain('Chromium (chromium) is missing');
    expect(text).toContain('LibreOffice Calc (soffice) is missing');
    expect(text).toContain(`not installing (${why})`);
    expect(text).toContain('apt-get install -y --no-install-recommends chromium libreoffice-calc-nogui');
    expect(text).toContain('FAILED');
  });

  test('fails loudly when apt-get fails', () => {
    const dir = dirWith({ 'apt-get': 'exit 100' });
    const out = quiet();
    const run: Runner = (command, args, env) => spawnSync(command, [...args], { env: { ...env } }).status ?? 1;
    expect(ensureTestTools({ env: { PATH: dir }, isRoot: true, run, log: out.log })).toBe(1);
    expect(out.lines.at(-1)).toMatch(/^test-tools: FAILED: apt-get update did not succeed/);
  });

  test('the script run as npm test runs it exits 1 with the message when PATH holds neither program', () => {
    const node = process.execPath;
    const result = spawnSync(node, ['--import', 'tsx', path.join(__dirname, 'test-tools.ts')], {
      env: { PATH: dirWith({}), COMPETENCY_TEST_NO_INSTALL: '1', HOME: os.tmpdir() }, encoding: 'utf8', cwd: path.join(__dirname, '..'),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('test-tools: Chromium (chromium) is missing');
  });
});
