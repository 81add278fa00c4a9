import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { expectSchemaValid } from './support/json-schema';

// The packaged CLI: compiled JavaScript in lib/, started by bin/competency.js, shipping exactly
// what it needs. (Installing the tarball for real needs the registry; see README "Packaging".)

const root = path.join(__dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; bin: Record<string, string> };

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'scripts/build-cli.js')], { cwd: root, stdio: 'pipe' });
}, 120_000);

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsFiles(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []));
}

test('npm pack ships the bin, the compiled CLI and the rulebooks', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
  expect(files).toEqual(expect.arrayContaining(['bin/competency.js', 'lib/cli/main.js', 'lib/xlsx/read.js', 'lib/core/rulebooks/cloud-crm-2017-07.json', 'lib/core/rulebooks/cloud-crm-2017-11.json']));
  expect(files.filter((f) => f.startsWith('src/') || f.endsWith('.ts'))).toEqual([]);
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
