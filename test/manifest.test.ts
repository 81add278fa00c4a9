/**
 * The manifests: manifest.xml and the unified manifest.json are written from one source and
 * declare the same functions, pages, icons, requirement sets and languages; the sets cover every
 * Office API member the code uses; texts fit Microsoft's limits; the build writes a production
 * address into both; every function has a helpUrl to a shipped help page; and `npm run validate`
 * says plainly when it could not validate.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { apiUses, compareVersions, declaredSets, undeclared, type ApiUse } from './support/api-sets';

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
// Plain require: these are CommonJS build scripts, not part of the TypeScript program.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEV_URL, normalizeAddinUrl } = require('../scripts/manifest-url.js') as { DEV_URL: string; normalizeAddinUrl: (url: string) => string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { xmlManifest } = require('../scripts/manifest/xml.js') as { xmlManifest: (base: string) => string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { classify, EXIT } = require('../scripts/validate-manifest.js') as { classify: (output: string, code: number | null) => string; EXIT: Record<string, number> };

/** The code that runs inside Excel (tests excepted). */
function officeSources(): string[] {
  return ['src/office', 'src/functions', 'src/taskpane'].flatMap((dir) =>
    readdirSync(path.join(ROOT, dir)).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f)).map((f) => path.join(ROOT, dir, f)));
}

describe('requirement sets', () => {
  let uses: ApiUse[] = [];
  beforeAll(() => { uses = apiUses(officeSources()); }, 120_000);

  test('declares ExcelApi 1.7, SharedRuntime 1.1 and CustomFunctionsRuntime 1.3', () => {
    expect(declaredSets(MANIFEST)).toEqual({ ExcelApi: '1.7', SharedRuntime: '1.1', CustomFunctionsRuntime: '1.3' });
  });

  test('every Office API member the code uses is in a set the manifest declares, at a version it declares', () => {
    // The scan must see the members the issue names, or it is scanning nothing.
    const seen = new Set(uses.map((u) => `${u.member} ${u.set} ${u.version}`));
    expect(seen).toContain('Excel.Worksheet.getRangeByIndexes ExcelApi 1.7');
    expect(seen).toContain('Excel.Range.hyperlink ExcelApi 1.7');
    expect(seen).toContain('Excel.Application.suspendApiCalculationUntilNextSync ExcelApi 1.6');
    expect(seen).toContain('Excel.ConditionalFormatCollection.add ExcelApi 1.6');
    expect(seen).toContain('CustomFunctions.ErrorCode.notAvailable CustomFunctionsRuntime 1.3');
    expect(seen).toContain('CustomFunctions.Error CustomFunctionsRuntime 1.2');
    expect(undeclared(uses, declaredSets(MANIFEST))).toEqual([]);
  });

  test('a manifest that declares too little is reported, member by member', () => {
    const low = declaredSets(MANIFEST.replace('<Set Name="ExcelApi" MinVersion="1.7"/>', '<Set Name="ExcelApi" MinVersion="1.6"/>').replace(/<Set Name="CustomFunctionsRuntime"[^>]*>/, ''));
    const messages = undeclared(uses, low);
    expect(messages.some((m) => /getRangeByIndexes needs ExcelApi 1\.7, the manifest declares ExcelApi 1\.6$/.test(m))).toBe(true);
    expect(messages.some((m) => /ErrorCode\.notAvailable needs CustomFunctionsRuntime 1\.3, the manifest declares no CustomFunctionsRuntime$/.test(m))).toBe(true);
    expect(messages.some((m) => /suspendApiCalculationUntilNextSync/.test(m))).toBe(false);
    expect(compareVersions('1.10', '1.9')).toBeGreaterThan(0);
  });
});

/** Attribute values of <Description> and its overrides, by locale. */
function descriptions(xml: string): Record<string, string> {
  const block = /<Description DefaultValue="([^"]*)">([\s\S]*?)<\/Description>/.exec(xml);
  if (!block) throw new Error('no <Description> with overrides');
  const out: Record<string, string> = { default: block[1] as string };
  for (const m of (block[2] as string).matchAll(/<Override Locale="([^"]+)" Value="([^"]*)"\/>/g)) out[m[1] as string] = m[2] as string;
  return out;
}

test('short descriptions are at most 80 characters in every language', () => {
  const all = descriptions(MANIFEST);
  expect(Object.keys(all).sort()).toEqual(['de-DE', 'default', 'it-IT', 'ko-KR', 'pt-BR', 'zh-TW']);
  const tooLong = Object.entries(all).filter(([, text]) => [...text].length > 80).map(([locale, text]) => `${locale}: ${[...text].length}`);
  expect(tooLong).toEqual([]);
});

describe('the production address', () => {
  test('replaces every address of the dev server, and gives the app domain as an origin', () => {
    const xml = xmlManifest(normalizeAddinUrl('https://cdn.example.com/crm/addin/'));
    expect(xml).not.toContain('localhost');
    expect(xml).toContain('<SourceLocation DefaultValue="https://cdn.example.com/crm/addin/taskpane.html"/>');
    expect(xml).toContain('<AppDomain>https://cdn.example.com</AppDomain>');
    expect(xml).toContain('Value="https://cdn.example.com/crm/addin/functions.ko-KR.json"');
    const urls = [...xml.matchAll(/"(https?:\/\/[^"]+)"/g)].map((m) => m[1] as string).filter((u) => !u.startsWith('http://schemas.microsoft.com') && !u.startsWith('http://www.w3.org'));
    expect(urls.length).toBeGreaterThan(10);
    expect(urls.filter((u) => !u.startsWith('https://cdn.example.com/crm/addin/'))).toEqual([]);
  });

  test('refuses an address Office would not load', () => {
    expect(() => normalizeAddinUrl('http://example.com')).toThrow(/https/);
    expect(() => normalizeAddinUrl('example.com/addin')).toThrow(/not a URL/);
    expect(() => normalizeAddinUrl('https://example.com/?v=1')).toThrow(/plain base address/);
    expect(normalizeAddinUrl('https://example.com')).toBe('https://example.com');
  });

  test('the build writes it into both manifests when given --env url or ADDIN_URL', () => {
    // The webpack configuration as the CLI calls it; its AddinFilesPlugin writes the manifests.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require('../webpack.config.js') as (env: Record<string, unknown>, argv: Record<string, unknown>) => { plugins: { base?: string }[] };
    const base = (env: Record<string, unknown>): string | undefined => config(env, { mode: 'production' }).plugins.find((p) => p.constructor.name === 'AddinFilesPlugin')?.base;
    expect(base({ url: 'https://example.com/addin/' })).toBe('https://example.com/addin');
    const saved = process.env.ADDIN_URL;
    process.env.ADDIN_URL = 'https://env.example.com';
    try {
      expect(base({})).toBe('https://env.example.com');
    } finally {
      if (saved === undefined) delete process.env.ADDIN_URL; else process.env.ADDIN_URL = saved;
    }
    expect(base({})).toBe(DEV_URL);
    expect(() => config({ url: 'http://example.com' }, { mode: 'production' })).toThrow(/https/);
  });

  test('manifest.xml in the repository is the one the source gives for the dev server (npm run manifest)', () => {
    expect(MANIFEST).toBe(xmlManifest(DEV_URL));
  });
});

describe('npm run validate', () => {
  test('tells "could not reach the service" apart from a verdict', () => {
    expect(classify('Error: Unable to contact the manifest validation service.\nFetchError: getaddrinfo ENOTFOUND', 1)).toBe('unreachable');
    expect(classify('Unable to validate the manifest.\n503\nService Unavailable', 1)).toBe('unreachable');
    expect(classify('The manifest is not valid.', 1)).toBe('invalid');
    expect(classify('The manifest is valid.', 0)).toBe('valid');
    expect(new Set(Object.values(EXIT)).size).toBe(4);
  });

  test('says plainly what happened, with its own exit code', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/validate-manifest.js'), path.join(ROOT, 'manifest.xml')], { encoding: 'utf8', timeout: 100_000 });
    // Offline (as in this sandbox) the service cannot be reached; with a network it gives a verdict.
    if (run.status === EXIT.unreachable) expect(run.stderr).toMatch(/NOT validated: Microsoft's validation service .* could not be reached/);
    else expect(run.stdout).toMatch(/The manifest is (not )?valid/);
    expect([EXIT.valid, EXIT.invalid, EXIT.unreachable]).toContain(run.status);
  }, 120_000);

  test('a missing manifest is its own exit code', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/validate-manifest.js'), path.join(ROOT, 'no-such-manifest.xml')], { encoding: 'utf8' });
    expect(run.status).toBe(EXIT.missing);
    expect(run.stderr).toContain('No manifest at');
  });
});
