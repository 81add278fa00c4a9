// Webpack loader for the six catalogues (src/i18n/<locale>.ts) in the page's bundles: leaves out
// the messages only the CLI says (cli.* and errno.* keys that no source outside src/cli names),
// so the one language the page fetches inside Excel carries what the pane, the functions and the
// pane's worker can show, not the CLI's help, report and file-system phrases (~1.7 KB gzip of
// ~9). The CLI (Node) imports the catalogues directly and keeps every message. A key is kept as
// soon as any non-test source outside src/cli and the catalogues names it in quotes, so a message
// the page starts to use is never left out; test: scripts/page-messages-loader.test.ts.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const SRC = path.resolve(__dirname, '../src');
const CATALOGUE = /^(en-US|pt-BR|de-DE|zh-TW|ko-KR|it-IT)\.ts$/;
const CLI_ONLY_PREFIXES = ['cli.', 'errno.'];
const NAMED = /['"`]((?:cli|errno)\.[\w.+-]+)['"`]/g;

/** The source files whose quoted cli.* / errno.* keys the page may use: src, minus src/cli, the catalogues and tests. */
function pageSources(dir = SRC) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) { if (file !== path.join(SRC, 'cli')) out.push(...pageSources(file)); continue; }
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) continue;
    if (dir === path.join(SRC, 'i18n') && CATALOGUE.test(entry.name)) continue;
    out.push(file);
  }
  return out;
}

/**
 * The cli.* / errno.* keys that some page source names.
 * @example pageKeys().has('cli.error.quoteNotClosed') // src/sheets/delimited.ts throws it
 * @throws when src cannot be read
 */
function pageKeys(files = pageSources()) {
  const keys = new Set();
  for (const file of files) for (const m of fs.readFileSync(file, 'utf8').matchAll(NAMED)) keys.add(m[1]);
  return keys;
}

/**
 * A catalogue's source without the messages only the CLI says: each such property of the object
 * literals in the file is cut out with its trailing comma; everything else is left as written.
 * @example withoutCliOnly("export const x = { 'cli.partner': 'Partner', 'level.none': 'None' };", new Set()) // "export const x = {  'level.none': 'None' };"
 * @throws nothing
 */
function withoutCliOnly(source, keep) {
  const file = ts.createSourceFile('catalogue.ts', source, ts.ScriptTarget.Latest, true);
  const cuts = [];
  const visit = (node) => {
    if (ts.isPropertyAssignment(node) && ts.isStringLiteral(node.name)) {
      const key = node.name.text;
      if (CLI_ONLY_PREFIXES.some((p) => key.startsWith(p)) && !keep.has(key)) {
        let end = node.end;
        while (end < source.length && /\s/.test(source[end])) end++;
        if (source[end] === ',') end++;
        cuts.push([node.getStart(file), end]);
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = source;
  for (const [start, end] of cuts.reverse()) out = out.slice(0, start) + out.slice(end);
  return out;
}

module.exports = function pageMessages(source) {
  const files = pageSources();
  for (const file of files) this.addDependency(file);
  return withoutCliOnly(source, pageKeys(files));
};
module.exports.withoutCliOnly = withoutCliOnly;
module.exports.pageKeys = pageKeys;
module.exports.CLI_ONLY_PREFIXES = CLI_ONLY_PREFIXES;
