/**
 * Files the user may not read or write. Root reads and writes everything, and CI runs the suite
 * as root, so the CLI is run as an unprivileged user (nobody, uid 65534) through setpriv or
 * runuser; without either (and as root) these tests are skipped with the reason logged.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir, writeWorkbook } from '../support/cli';

const ROOT = path.resolve(__dirname, '../..');
const NOBODY = 65534;

/** The command prefix that drops to an unprivileged user, or why there is none. */
function unprivileged(): { prefix: string[] } | { skip: string } {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { prefix: [] };
  const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  const prefix = has('setpriv') ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--']
    : has('runuser') ? ['runuser', '-u', 'nobody', '--'] : undefined;
  if (!prefix) return { skip: 'running as root without setpriv or runuser: permission failures cannot be produced' };
  // A checkout under a directory only root may enter (mktemp -d makes 0700 ones) keeps nobody
  // from loading the CLI at all, which would fail every case for a reason that is not ours.
  const probe = spawnSync(prefix[0] as string, [...prefix.slice(1), process.execPath, '--import', 'tsx', '-e', '0'], { cwd: ROOT, stdio: 'ignore', timeout: 60_000 });
  if (probe.status !== 0) return { skip: `${ROOT} (or a directory above it) is not readable by nobody: the CLI cannot be run as nobody here` };
  return { prefix };
}

const runner = unprivileged();
if ('skip' in runner) console.warn(`permission tests skipped: ${runner.skip}`);
const maybe = 'skip' in runner ? describe.skip : describe;

/** Runs `competency <args>` as the unprivileged user. */
function runAsNobody(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const prefix = 'prefix' in runner ? runner.prefix : [];
  const argv = [...prefix, process.execPath, '--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args];
  const r = spawnSync(argv[0] as string, argv.slice(1), { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, HOME: '/tmp' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

maybe('files the user may not read or write', () => {
  let dir: string;
  let input: string;
  beforeAll(async () => {
    dir = tempDir();
    chmodSync(dir, 0o755);
    input = path.join(dir, 'in.xlsx');
    await writeWorkbook(input, {
      Revenue: [['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ['P1', 'CRM Online', '2018-01-05', 320000, 'Yes']],
      Certifications: [['Partner ID', 'Individual', 'Exam', 'Date passed'], ['P1', 'Ana', 'MB2-714', '2017-06-01']],
    });
    chmodSync(input, 0o644);
  });
  afterAll(() => {
    for (const d of ['locked', 'locked2']) { try { chmodSync(path.join(dir, d), 0o755); } catch { /* not made */ } }
    rmSync(dir, { recursive: true, force: true });
  });

  test.each([
    ['a workbook', 'secret.xlsx', 'en-US', 'permission denied'],
    ['a CSV file', 'secret.csv', 'de-DE', 'Zugriff verweigert'],
  ])('an input without read permission (%s): exit 1, one line in the run\'s language', (_name, file, locale, phrase) => {
    const secret = path.join(dir, file);
    writeFileSync(secret, readFileSync(input));
    chmodSync(secret, 0o000);
    const run = runAsNobody(['evaluate', secret, '--as-of', '2018-03-15', '--locale', locale]);
    expect([run.code, run.stdout]).toEqual([1, '']);
    expect(run.stderr).toBe(`competency: ${secret}: ${phrase}\n`);
  });

  test('--out into a directory without write permission: exit 1, one line, nothing written', () => {
    const locked = path.join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const out = path.join(locked, 'result.xlsx');
    const run = runAsNobody(['evaluate', input, '--as-of', '2018-03-15', '--out', out]);
    expect([run.code, run.stdout]).toEqual([1, '']);
    expect(run.stderr).toBe(`competency: --out ${out}: permission denied\n`);
    expect(readdirSync(locked)).toEqual([]);
  });

  test('--out over a writable file in a directory without write permission: exit 1, the file as it was, no temporary file', () => {
    // The target itself may be written, but the temporary file beside it cannot be created:
    // the write is refused before anything is touched.
    const locked = path.join(dir, 'locked2');
    mkdirSync(locked);
    const out = path.join(locked, 'result.xlsx');
    writeFileSync(out, 'previous result');
    chmodSync(out, 0o666);
    if ('prefix' in runner && runner.prefix.length > 0) chownSync(out, NOBODY, NOBODY);
    chmodSync(locked, 0o555);
    const run = runAsNobody(['evaluate', input, '--as-of', '2018-03-15', '--out', out, '--locale', 'ko-KR']);
    expect([run.code, run.stdout]).toEqual([1, '']);
    expect(run.stderr).toBe(`competency: --out ${out}: 기록할 수 없습니다(권한이 거부되었습니다). 기존 파일은 변경되지 않았습니다\n`);
    expect(readdirSync(locked)).toEqual(['result.xlsx']);
    expect(readFileSync(out, 'utf8')).toBe('previous result');
  });
});
