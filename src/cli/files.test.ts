import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli, tempDir } from '../../test/support/cli';

const SAMPLE = path.join(__dirname, '../../assets/sample-distributor.xlsx');

describe('competency evaluate on files that are not readable workbooks', () => {
  const dir = tempDir();
  const oneLine = (stderr: string): void => {
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  };

  test.each<[string, () => string, RegExp]>([
    ['a directory named .xlsx', () => { const d = path.join(dir, 'folder.xlsx'); mkdirSync(d); return d; }, /folder\.xlsx: a folder, not a workbook/],
    ['a CSV renamed to .xlsx', () => { const f = path.join(dir, 'renamed.xlsx'); writeFileSync(f, 'MPNId,Product\n1,Sales\n'); return f; }, /not an \.xlsx workbook \(the file is not a zip archive\)/],
    ['an empty file', () => { const f = path.join(dir, 'empty.xlsx'); writeFileSync(f, ''); return f; }, /the file is empty/],
    ['/dev/zero behind a link named .xlsx', () => { const f = path.join(dir, 'zero.xlsx'); symlinkSync('/dev/zero', f); return f; }, /zero\.xlsx: not an \.xlsx workbook/],
  ])('%s: exit 1 and one line on stderr', async (_, make, message) => {
    const run = await runCli(['evaluate', make(), '--json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    oneLine(run.stderr);
  });

  test('says it in the chosen language', async () => {
    const f = path.join(dir, 'renamed-de.xlsx');
    writeFileSync(f, 'a,b\n');
    const run = await runCli(['evaluate', f, '--locale', 'de-DE']);
    expect(run.stderr).toContain('keine .xlsx-Arbeitsmappe');
  });

  test('reads a workbook from a named pipe, opening it once', async () => {
    const fifo = path.join(dir, 'pipe.xlsx');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `cat "${SAMPLE}" > "${fifo}"`]);
    const [run] = await Promise.all([runCli(['evaluate', fifo, '--as-of', '2018-06-30', '--json']), new Promise((r) => writer.on('close', r))]);
    expect(run.code).toBe(0);
    const direct = await runCli(['evaluate', SAMPLE, '--as-of', '2018-06-30', '--json']);
    expect(run.stdout).toBe(direct.stdout);
  });

  test('reads a workbook whose extension is upper case', async () => {
    const f = path.join(dir, 'UPPER.XLSX');
    copyFileSync(SAMPLE, f);
    expect((await runCli(['evaluate', f, '--as-of', '2018-06-30', '--json'])).code).toBe(0);
  });
});
