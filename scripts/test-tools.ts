/**
 * The system programs the test suites drive, installed when missing, so that `npm test` passes
 * on a fresh Debian machine with no other step (README: Test). Runs first in `npm test`.
 *
 * - Chromium: the task pane's browser tests (test/browser, through playwright-core).
 * - LibreOffice Calc: an independent client that opens the workbooks we write (src/cli, src/xlsx).
 *
 * When one is missing and we are root with apt-get, it says what it runs and runs
 * `apt-get update` and `apt-get install -y --no-install-recommends <packages>`. Otherwise, or
 * when the install fails, it says what is missing and how to install it, and exits 1: a suite is
 * never skipped silently. COMPETENCY_TEST_NO_INSTALL=1 turns the install off (report and fail).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';

/** A program the tests need. */
export interface Tool {
  readonly name: string;
  /** The command looked up on PATH. */
  readonly command: string;
  /** An environment variable that points at the program instead (it must exist). */
  readonly pathVariable?: string;
  /** The Debian package that provides it. */
  readonly debianPackage: string;
  readonly neededBy: string;
}

/** What the test suites drive. */
export const TOOLS: readonly Tool[] = [
  { name: 'Chromium', command: 'chromium', pathVariable: 'CHROMIUM_PATH', debianPackage: 'chromium', neededBy: 'the task pane browser tests (test/browser)' },
  { name: 'LibreOffice Calc', command: 'soffice', debianPackage: 'libreoffice-calc-nogui', neededBy: 'the tests that open our workbooks in LibreOffice (src/cli, src/xlsx)' },
];

type Env = Readonly<Record<string, string | undefined>>;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a tool is: its path variable if set, else the first match on PATH; null when missing.
 * @example findTool(TOOLS[1], process.env) // "/usr/bin/soffice"
 */
export function findTool(tool: Tool, env: Env): string | null {
  const pinned = tool.pathVariable ? env[tool.pathVariable] : undefined;
  if (pinned) return isExecutable(pinned) ? pinned : null;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, tool.command);
    if (isExecutable(file)) return file;
  }
  return null;
}

/** How commands are run (tests pass a fake). */
export type Runner = (command: string, args: readonly string[], env: Env) => number;

const runInherited: Runner = (command, args, env) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env } });
  return result.status ?? 1;
};

/** What the check needs to know about the machine. */
export interface Machine {
  readonly env: Env;
  readonly isRoot: boolean;
  readonly run: Runner;
  readonly log: (line: string) => void;
}

/**
 * Checks the tools and installs the missing ones where it can. Returns the exit code: 0 when
 * every tool is there (now), 1 otherwise (with what to do printed).
 * @example ensureTestTools({ env: process.env, isRoot: true, run, log: console.log }) === 0
 */
export function ensureTestTools(machine: Machine, tools: readonly Tool[] = TOOLS): number {
  const { env, log } = machine;
  const missing = tools.filter((tool) => findTool(tool, env) === null);
  if (missing.length === 0) return 0;
  const packages = missing.map((tool) => tool.debianPackage);
  for (const tool of missing) log(`test-tools: ${tool.name} (${tool.command}) is missing; it is needed by ${tool.neededBy}.`);
  const manual = `Install it with: apt-get install -y --no-install-recommends ${packages.join(' ')}` +
    (missing.some((tool) => tool.pathVariable) ? ` (or point ${missing.flatMap((tool) => tool.pathVariable ?? []).join(', ')} at an installed program)` : '');
  const aptGet = findTool({ name: 'apt-get', command: 'apt-get', debianPackage: 'apt', neededBy: '' }, env);
  if (env.COMPETENCY_TEST_NO_INSTALL === '1' || !machine.isRoot || aptGet === null) {
    const why = env.COMPETENCY_TEST_NO_INSTALL === '1' ? 'COMPETENCY_TEST_NO_INSTALL=1' : !machine.isRoot ? 'not running as root' : 'apt-get not found';
    log(`test-tools: not installing (${why}). ${manual}`);
    log('test-tools: FAILED: the test suites that need it would fail; no suite is skipped.');
    return 1;
  }
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`test-tools: installing ${packages.join(', ')} from the Debian archive (this takes a few minutes, once):`);
  log(`test-tools: $ apt-get update`);
  if (machine.run(aptGet, ['update'], aptEnv) !== 0) {
    log(`test-tools: FAILED: apt-get update did not succeed. ${manual}`);
    return 1;
  }
  const installArgs = ['install', '-y', '--no-install-recommends', ...packages];
  log(`test-tools: $ apt-get ${installArgs.join(' ')}`);
  if (machine.run(aptGet, installArgs, aptEnv) !== 0) {
    log(`test-tools: FAILED: apt-get install did not succeed. ${manual}`);
    return 1;
  }
  const still = missing.filter((tool) => findTool(tool, env) === null);
  if (still.length > 0) {
    log(`test-tools: FAILED: still missing after the install: ${still.map((tool) => `${tool.name} (${tool.command})`).join(', ')}.`);
    return 1;
  }
  log(`test-tools: installed ${packages.join(', ')}.`);
  return 0;
}

if (require.main === module) {
  process.exitCode = ensureTestTools({
    env: process.env,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    run: runInherited,
    log: (line) => process.stderr.write(`${line}\n`),
  });
}
