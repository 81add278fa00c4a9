/**
 * --out never loses a file: refusals of targets that are inputs or not regular files, real
 * SIGKILLs in the middle of a write, concurrent runs on one target, and a full disk.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { readBack, runCli, tempDir, writeWorkbook } from '../support/cli';
import { runCliProcess, startCli } from '../support/spawn';

const REVENUE = [['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ['P1', 'CRM Online', '2018-01-05', 320000, 'Yes']];
const CERTS = [['Partner ID', 'Individual', 'Exam', 'Date passed'], ['P1', 'Ana', 'MB2-714', '2017-06-01']];

/** True when the bytes are a zip whose every entry inflates (what a broken write is not). */
function isCompleteZip(bytes: Uint8Array): boolean {
  try { return Object.keys(unzipSync(bytes)).includes('[Content_Types].xml'); } catch { return false; }
}

describe('--out refuses targets it must not write', () => {
  let dir: string;
  let input: string;
  beforeAll(async () => {
    dir = tempDir();
    input = path.join(dir, 'in.xlsx');
    await writeWorkbook(input, { Revenue: REVENUE, Certifications: CERTS });
    symlinkSync(input, path.join(dir, 'link.xlsx'));
    linkSync(input, path.join(dir, 'hard.xlsx'));
    mkdirSync(path.join(dir, 'dir.xlsx'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.xlsx')]);
    writeFileSync(path.join(dir, 'in.csv'), REVENUE.map((r) => r.join(',')).join('\n'));
  });

  test.each([
    ['the input itself', 'in.xlsx', 2, /is the input/],
    ['a symbolic link to the input', 'link.xlsx', 2, /is the input/],
    ['a hard link to the input', 'hard.xlsx', 2, /is the input/],
    ['a directory', 'dir.xlsx', 2, /is a directory/],
    ['a named pipe', 'pipe.xlsx', 2, /not a regular file/],
    ['a device', '/dev/full', 2, /not a regular file/],
    ['a .csv name', 'x.csv', 2, /writes an Excel workbook/],
    ['an .xlsm name for a workbook without macros', 'x.xlsm', 2, /the input has none/],
    ['a name without an extension', 'result', 2, /ending in \.xlsx/],
    ['a missing directory', 'nodir/x.xlsx', 1, /no such file or directory/],
    ['a path through a file', 'in.xlsx/x.xlsx', 1, /not a directory/],
    ['a name too long', `${'n'.repeat(300)}.xlsx`, 1, /too long/],
  ] as const)('refuses %s with one line', async (_name, out, code, message) => {
    const before = readFileSync(input);
    const target = out.startsWith('/') ? out : path.join(dir, out);
    const run = await runCli(['evaluate', input, '--as-of', '2018-03-15', '--out', target]);
    expect([run.code, run.stdout]).toEqual([code, '']);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  test('a CSV input named as --out is never turned into a zip', async () => {
    const csv = path.join(dir, 'in.csv');
    const before = readFileSync(csv, 'utf8');
    const run = await runCli(['evaluate', csv, path.join(dir, 'in.xlsx'), '--out', csv]);
    expect(run.code).toBe(2);
    expect(readFileSync(csv, 'utf8')).toBe(before);
  });

  test('an output written through a symbolic link replaces the file it points at and keeps the link', async () => {
    const real = path.join(dir, 'real-out.xlsx');
    writeFileSync(real, 'old');
    const link = path.join(dir, 'out-link.xlsx');
    symlinkSync(real, link);
    expect((await runCli(['evaluate', input, '--as-of', '2018-03-15', '--out', link])).code).toBe(0);
    expect(isCompleteZip(readFileSync(real))).toBe(true);
    expect(readFileSync(link).equals(readFileSync(real))).toBe(true);
  });
});

describe('--out survives kills, concurrent runs and a full disk', () => {
  let dir: string;
  let big: string;
  beforeAll(async () => {
    dir = tempDir();
    big = path.join(dir, 'big.xlsx');
    // Big enough that writing takes a good part of a second.
    await writeWorkbook(big, {
      Revenue: [REVENUE[0] as unknown[], ...Array.from({ length: 12_000 }, (_, i) => [`P${i % 400}`, 'CRM Online', '2018-01-05', 1000 + i, 'Yes'])],
      Certifications: CERTS,
    });
  }, 60_000);

  test('a SIGKILL at any moment of a run leaves the previous result intact', async () => {
    const out = path.join(dir, 'killed.xlsx');
    expect((await runCliProcess(['evaluate', big, '--as-of', '2018-03-15', '--out', out])).code).toBe(0);
    const good = readFileSync(out);
    // Kill at a spread of delays, and (up to five tries, the write is quick) while the temporary
    // file is being written.
    let killedMidWrite = 0;
    for (const delay of [800, 1600, 2400, 'mid-write', 'mid-write', 'mid-write', 'mid-write', 'mid-write'] as const) {
      if (delay === 'mid-write' && killedMidWrite > 0) break;
      const { child, done } = startCli(['evaluate', big, '--as-of', '2018-03-15', '--out', out]);
      let timer: NodeJS.Timeout;
      let sawTmp = false;
      if (delay === 'mid-write') {
        const poll = (): void => {
          const tmp = readdirSync(dir).find((f) => f.startsWith('.killed.xlsx.') && f.endsWith('.tmp'));
          if (tmp !== undefined) { sawTmp = true; child.kill('SIGKILL'); } else timer = setTimeout(poll, 1);
        };
        timer = setTimeout(poll, 1);
      } else timer = setTimeout(() => child.kill('SIGKILL'), delay);
      const run = await done;
      clearTimeout(timer);
      const now = readFileSync(out);
      if (delay === 'mid-write' && sawTmp && run.signal === 'SIGKILL') {
        killedMidWrite++;
        expect(now.equals(good)).toBe(true);
      }
      // Either the old file (killed before the rename) or a complete new one (finished first).
      expect(isCompleteZip(now)).toBe(true);
    }
    expect(killedMidWrite).toBe(1);
  }, 120_000);

  test('runs writing the same --out at once all finish and leave a complete workbook', async () => {
    const out = path.join(dir, 'shared.xlsx');
    const runs = await Promise.all([0, 1, 2].map(() => runCliProcess(['evaluate', big, '--as-of', '2018-03-15', '--out', out])));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(runs.map((r) => r.stderr)).toEqual(['', '', '']);
    expect(isCompleteZip(readFileSync(out))).toBe(true);
    expect(Object.keys(await readBack(out))).toContain('Competency Status');
    // No temporary files left beside it.
    expect(readdirSync(dir).filter((f) => f.startsWith('.shared'))).toEqual([]);
  }, 120_000);

  const canMount = ((): boolean => {
    if (process.getuid?.() !== 0) return false;
    try { execFileSync('mount', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
  })();
  // A small tmpfs is the only honest way to run out of space; it needs root (CI runs as root).
  (canMount ? test : test.skip)('a full disk gives one line, exit 1, and the previous file unchanged', async () => {
    const mnt = path.join(tempDir(), 'small');
    mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
    try {
      const out = path.join(mnt, 'result.xlsx');
      writeFileSync(out, 'previous result');
      const run = await runCliProcess(['evaluate', big, '--as-of', '2018-03-15', '--out', out]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/no space left/);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(readFileSync(out, 'utf8')).toBe('previous result');
      expect(readdirSync(mnt)).toEqual(['result.xlsx']);
      expect(statSync(out).size).toBe(15);
    } finally {
      execFileSync('umount', [mnt]);
    }
    expect(existsSync(path.join(mnt, 'result.xlsx'))).toBe(false);
  }, 60_000);
});
