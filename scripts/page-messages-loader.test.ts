/**
 * The page's language chunks (scripts/page-messages-loader.js): each catalogue, as webpack gives
 * it to the page, is the CLI's catalogue without the messages only the CLI says, every other
 * message intact (plural forms included), and every message a source outside src/cli names kept.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { CATALOGUES } from '../src/i18n/catalogues';
import { LOCALES, WORDS, type Locale } from '../src/i18n';

/* eslint-disable @typescript-eslint/no-require-imports */
const loader = require('./page-messages-loader.js') as {
  withoutCliOnly: (source: string, keep: ReadonlySet<string>) => string;
  pageKeys: () => Set<string>;
  CLI_ONLY_PREFIXES: readonly string[];
};

const I18N = path.resolve(__dirname, '../src/i18n');

/** The catalogue object the page's chunk of `locale` exports: the loader's output, compiled and run. */
function pageCatalogue(locale: Locale): Record<string, unknown> {
  const source = loader.withoutCliOnly(readFileSync(path.join(I18N, `${locale}.ts`), 'utf8'), loader.pageKeys());
  const { outputText, diagnostics } = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  expect(diagnostics).toEqual([]);
  const exports: Record<string, unknown> = {};
  const require = (request: string): unknown => {
    if (request === './words') return { WORDS };
    throw new Error(`unexpected import ${request}`);
  };
  new Function('exports', 'require', outputText)(exports, require);
  const [catalogue] = Object.values(exports);
  return catalogue as Record<string, unknown>;
}

test.each(LOCALES)('the page\'s %s messages are the CLI\'s without the CLI-only ones, every other one as written', (locale) => {
  const full = CATALOGUES[locale] as unknown as Record<string, unknown>;
  const page = pageCatalogue(locale);
  const left = Object.keys(full).filter((k) => !(k in page));
  expect(left.length).toBeGreaterThan(40);
  expect(left.filter((k) => !loader.CLI_ONLY_PREFIXES.some((p) => k.startsWith(p)))).toEqual([]);
  for (const [key, message] of Object.entries(page)) expect([key, message]).toEqual([key, full[key]]);
});

test.each([
  ['cli.error.quoteNotClosed', true, 'thrown by src/sheets/delimited.ts in the pane\'s worker'],
  ['cli.error.asOf', true, 'named outside src/cli'],
  ['cli.partner', false, 'the CLI summary\'s header'],
  ['errno.ENOENT', false, 'a file-system phrase of the CLI'],
])('%s is in the page\'s chunks: %s (%s)', (key, kept) => {
  expect(key in CATALOGUES['de-DE']).toBe(true);
  expect(loader.pageKeys().has(key)).toBe(kept);
  expect(key in pageCatalogue('de-DE')).toBe(kept);
});
