/**
 * The import graph of src/ has no circle (issue 22): data flows one way, cells -> sheets -> core
 * -> sheets -> adapter, and a module that imports one that imports it back (even for types only)
 * is where that order starts to blur. The graph is read from the source text: every static
 * import, `export ... from` and dynamic import() of a relative path. The floors keep their
 * order too: the cell model (src/cells) imports nothing from another folder of src/, and the
 * file format (src/xlsx) nothing but the cell model and the messages (src/i18n): not sheets, not
 * core (it knows no competency), not an adapter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.join(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The relative module specifiers a file imports, exports from, or loads with import(). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*(?:\/\*[^*]*\*\/\s*)?['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of text.matchAll(re)) if (m[1]?.startsWith('.')) out.push(m[1]);
  return out;
}

/** The file a relative specifier names, or undefined (a JSON file, an asset). */
function resolve(from: string, spec: string, files: ReadonlySet<string>): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find((f) => files.has(f));
}

/** Every module specifier a file imports, relative or a package's. */
function allSpecifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*(?:\/\*[^*]*\*\/\s*)?['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of text.matchAll(re)) if (m[1] !== undefined) out.push(m[1]);
  return out;
}

/** The import graph: file -> files it imports. */
function importGraph(files: readonly string[], read: (file: string) => string): Map<string, string[]> {
  const known = new Set(files);
  return new Map(files.map((f) => [f, specifiers(read(f)).flatMap((s) => resolve(f, s, known) ?? [])]));
}

/** Every strongly connected group of more than one file, or a file importing itself: the circles. */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v); onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v) as number, low.get(w) as number)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do { w = stack.pop() as string; onStack.delete(w); group.push(w); } while (w !== v);
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/**
 * Circles known and owned: any circle whose files all lie in one of these folders is left to its
 * owner; a circle that reaches outside fails. Empty is the goal: src/i18n's modules import the
 * type Locale and formatMessage from their own barrel, which imports them back (issue 22.6-7,
 * the `i18n` branch, restructuring that barrel for the per-language catalogues).
 */
const KNOWN_FOLDERS: readonly string[] = ['i18n/'];

/**
 * The floors: the folders of src/ each folder may import from (besides itself), and whether it
 * may import packages. A folder not listed is not constrained here.
 */
const FLOORS: Readonly<Record<string, { readonly may: readonly string[]; readonly packages: boolean }>> = {
  cells: { may: [], packages: false },
  xlsx: { may: ['cells', 'i18n'], packages: true },
};

/** Imports that break the floors, as "from -> to" (folders of src/; a package by its name). */
function floorBreaches(graph: ReadonlyMap<string, readonly string[]>, read: (file: string) => string): string[] {
  const folder = (f: string): string => path.relative(SRC, f).split(path.sep)[0] as string;
  const out: string[] = [];
  for (const [from, tos] of graph) {
    const rule = FLOORS[folder(from)];
    if (!rule) continue;
    const name = path.relative(SRC, from).split(path.sep).join('/');
    for (const to of tos) if (folder(to) !== folder(from) && !rule.may.includes(folder(to))) out.push(`${name} -> ${folder(to)}`);
    if (!rule.packages) for (const spec of allSpecifiers(read(from))) if (!spec.startsWith('.')) out.push(`${name} -> ${spec}`);
  }
  return out.sort();
}

describe('the import graph of src/', () => {
  test('has no circle, type-only imports included', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    const graph = importGraph(files, (f) => readFileSync(f, 'utf8'));
    const found = circles(graph).map((g) => g.map((f) => path.relative(SRC, f).split(path.sep).join('/')));
    expect(found.filter((g) => !KNOWN_FOLDERS.some((folder) => g.every((f) => f.startsWith(folder))))).toEqual([]);
  });

  test('keeps its floors: src/cells imports nothing from outside itself, src/xlsx nothing but the cell model and i18n', () => {
    const files = sourceFiles(SRC);
    expect(files.some((f) => f.includes(`${path.sep}cells${path.sep}`))).toBe(true);
    const read = (f: string): string => readFileSync(f, 'utf8');
    expect(floorBreaches(importGraph(files, read), read)).toEqual([]);
  });

  test('the floor check finds a breach when one is there: a type-only import, export-from, a package', () => {
    const file = (name: string): string => path.join(SRC, name);
    const texts: Record<string, string> = {
      [file('cells/a.ts')]: "import type { Locale } from '../i18n';\nimport { b } from './b';",
      [file('cells/b.ts')]: "import { strToU8 } from 'fflate';",
      [file('xlsx/c.ts')]: "export { isOutputSheet } from '../sheets/read';\nimport { dayFromIso } from '../core';\nimport { a } from '../cells/a';",
      [file('i18n/index.ts')]: '', [file('sheets/read.ts')]: '', [file('core/index.ts')]: '',
    };
    const read = (f: string): string => texts[f] ?? '';
    expect(floorBreaches(importGraph(Object.keys(texts), read), read)).toEqual(['cells/a.ts -> i18n', 'cells/b.ts -> fflate', 'xlsx/c.ts -> core', 'xlsx/c.ts -> sheets']);
  });

  test('the check finds a circle when one is there: through a barrel, a type-only import, export-from and import()', () => {
    const file = (name: string): string => path.join(SRC, name);
    const texts: Record<string, string> = {
      [file('a/index.ts')]: "export * from './b';\nimport { x } from '../c';",
      [file('a/b.ts')]: "import type { Y } from './index';",
      [file('c.ts')]: "export { z } from './d';",
      [file('d.ts')]: "const m = await import(/* webpackChunkName: \"c\" */ './c');",
      [file('e.ts')]: "import { x } from './c';\nimport './d';",
    };
    const graph = importGraph(Object.keys(texts), (f) => texts[f] ?? '');
    expect(circles(graph).map((g) => g.map((f) => path.relative(SRC, f)))).toEqual([['c.ts', 'd.ts'], ['a/b.ts', 'a/index.ts']]);
    expect(circles(new Map([[file('x.ts'), [file('y.ts')]], [file('y.ts'), []]]))).toEqual([]);
  });
});
