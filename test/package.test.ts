import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { expectSchemaValid } from './support/json-schema';
import { tempDir } from './support/tmp';

// The packaged CLI: compiled JavaScript in lib/, started by bin/competency.js, shipping exactly
// what it needs. (Installing the tarball for real needs the registry; see README "Packaging".)

const root = path.join(__dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; bin: Record<string, string> };
const bin = path.join(root, 'bin/competency.js');
const sample = path.join(root, 'assets/sample-distributor.xlsx');

let build: { stdout: string; stderr: string; status: number | null };
beforeAll(() => {
  build = spawnSync(process.execPath, [path.join(root, 'scripts/build-cli.js'), '--force'], { cwd: root, encoding: 'utf8' });
}, 180_000);

test('building the CLI says so on stderr and keeps stdout empty', () => {
  // Forced here; "(first run)" on a fresh clone, "(sources changed)" after an edit.
  expect([build.status, build.stdout, build.stderr]).toEqual([0, '', expect.stringMatching(/^Building the CLI( \((first run|sources changed)\))?…\n$/)]);
});

test('the first build says it is the first run; a build with nothing changed says nothing', () => {
  // A package of one tiny source file, built by the real script and compiler (seconds, not minutes).
  const dir = tempDir();
  mkdirSync(path.join(dir, 'scripts'));
  mkdirSync(path.join(dir, 'src', 'cli'), { recursive: true });
  copyFileSync(path.join(root, 'scripts/build-cli.js'), path.join(dir, 'scripts/build-cli.js'));
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  writeFileSync(path.join(dir, 'package.json'), '{"name":"x","version":"1.0.0"}');
  writeFileSync(path.join(dir, 'tsconfig.json'), '{"compilerOptions":{"strict":true,"module":"commonjs","target":"es2022"}}');
  writeFileSync(path.join(dir, 'tsconfig.cli.json'), '{"extends":"./tsconfig.json","compilerOptions":{"outDir":"lib","rootDir":"src","incremental":true,"tsBuildInfoFile":"lib/.tsbuildinfo","types":[]},"files":["src/cli/main.ts"]}');
  writeFileSync(path.join(dir, 'src/cli/main.ts'), 'export const answer: number = 42;\n');
  const run = (): [number | null, string, string] => {
    const r = spawnSync(process.execPath, [path.join(dir, 'scripts/build-cli.js')], { cwd: dir, encoding: 'utf8' });
    return [r.status, r.stdout, r.stderr];
  };
  expect(run()).toEqual([0, '', 'Building the CLI (first run)…\n']);
  expect(existsSync(path.join(dir, 'lib/cli/main.js'))).toBe(true);
  expect(run()).toEqual([0, '', '']);
}, 60_000);

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsFiles(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []));
}

test('npm pack ships the bin, the compiled CLI, the rulebooks, and the sample and rules the help names, and no build cache', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
  expect(files).toEqual(expect.arrayContaining([
    'bin/competency.js', 'lib/cli/main.js', 'lib/xlsx/read.js', 'lib/core/rulebooks/cloud-crm-2017-07.json', 'lib/core/rulebooks/cloud-crm-2017-11.json',
    'assets/sample-distributor.xlsx', 'docs/rules.md', 'docs/competency.schema.json', 'package.json', 'README.md',
  ]));
  expect(files.filter((f) => f.startsWith('src/') || f.endsWith('.ts') || f.includes('tsbuildinfo'))).toEqual([]);
  expect(pkg.bin.competency).toBe('bin/competency.js');
});

test('every package the compiled CLI requires is a runtime dependency', () => {
  const required = new Set<string>();
  for (const f of jsFiles(path.join(root, 'lib'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)) {
      const name = m[1] as string;
      if (name.startsWith('node:') || builtinModules.includes(name)) continue;
      required.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : (name.split('/')[0] as string));
    }
  }
  expect([...required].sort()).toEqual(expect.arrayContaining(['commander', 'fflate']));
  for (const name of required) expect(Object.keys(pkg.dependencies)).toContain(name);
  expect(required.has('tsx')).toBe(false);
});

test('bin/competency.js runs the compiled CLI on the sample', () => {
  const run = spawnSync(process.execPath, [path.join(root, 'bin/competency.js'), 'evaluate', path.join(root, 'assets/sample-distributor.xlsx'), '--as-of', '2018-06-30', '--json'], {
    encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const doc = JSON.parse(run.stdout) as { partners: { partnerId: string; level: string }[] };
  expect(doc.partners.find((p) => p.partnerId === '1001')?.level).toBe('gold');
  expectSchemaValid(run.stdout);
});

test('--version prints the package.json version', () => {
  const run = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
  expect([run.status, run.stdout, run.stderr]).toEqual([0, `${pkg.version}\n`, '']);
});

test('the help names the sample and the rules by paths inside the package, which exist', () => {
  const run = spawnSync(process.execPath, [bin, 'evaluate', '--help'], { encoding: 'utf8', cwd: tempDir() });
  expect(run.status).toBe(0);
  expect(run.stdout).toContain(`competency evaluate ${sample} --as-of 2018-06-30`);
  const rules = /The rules: (.*)\.$/m.exec(run.stdout)?.[1] ?? '';
  expect([path.isAbsolute(rules), existsSync(rules), existsSync(sample)]).toEqual([true, true, true]);
});

describe('a reader that closes stdout early (competency ... | head -1) ends the run quietly, exit 0', () => {
  test.each([
    ['the summary', []],
    ['--json', ['--json']],
    ['--issues', ['--issues']],
  ])('%s', async (_name, extra) => {
    const child = spawn(process.execPath, [bin, 'evaluate', sample, '--as-of', '2018-06-30', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // closed before the CLI writes a byte
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect([code, stderr]).toEqual([0, '']);
  }, 30_000);
});
