/**
 * Loads a source module the way the add-in ships it: one scope-hoisted bundle (esbuild here,
 * webpack in `npm run build`), so cross-module calls are plain calls. Why: under tsx every call
 * into another module goes through an export getter, which on the per-cell paths of the sheets
 * layer cost a large share of the time; neither the CLI (tsc) nor the pane and Excel (webpack)
 * pay it, so the benchmarks measure bundles.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { benchDir } from './tmp';

/**
 * The module at `entry` (a path from the repository root), bundled and required.
 * @example const sheets = bundled<typeof Sheets>('src/sheets/index.ts') // import type * as Sheets from '../src/sheets'
 */
export function bundled<T>(entry: string): T {
  const out = path.join(benchDir('competency-bundle-'), `${path.basename(entry, '.ts')}.js`);
  const result = buildSync({ entryPoints: [path.join(__dirname, '..', entry)], bundle: true, platform: 'node', format: 'cjs', target: 'es2022', write: false, logLevel: 'error' });
  writeFileSync(out, (result.outputFiles[0] as { text: string }).text);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file written just now
  return require(out) as T;
}
