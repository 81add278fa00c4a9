// Webpack plugin: the JavaScript the page loads inside Excel, gzipped (level 9), against its
// budgets (issue 22: at most 200 KB at start, and at most 200 KB in all: what a user who opens
// the pane, evaluates and draws a chart loads). A production build over either fails. Counted
// from the chunk graph of the page's two entries (the shared runtime's functions and pane):
//   at start  the entries' initial files (runtime, vendors, shared, functions, pane), every async
//             chunk the page can load that is not listed below as later or browser-only (an
//             unnamed or new dynamic import counts as loaded at start until it is listed here,
//             with its reason), and one language: the largest (the page fetches only the display
//             language's chunk, src/i18n/catalogues.lazy.ts);
//   in all    the start plus every chunk listed as later.
// test/browser/in-excel.test.ts loads the built page as Excel starts it, then evaluates, opens a
// card and draws its chart in Excel (a stand-in workbook), and checks what it really fetches by
// then against the same 200 KB.
const zlib = require('node:zlib');

/** Async chunks the page loads inside Excel only on a user's action, with when. */
const LATER = {
  'pane-run': 'when an evaluation starts: overview, cards, chart, what-if, live bar, no-tables banner, column mapping (src/taskpane/sections.tsx)',
  'excel-chart': 'on "Chart in Excel" (src/taskpane/source.ts)',
};

/** Async chunks the page loads only outside Excel, on a file opened in a browser (never inside Excel). */
const BROWSER_ONLY = {
  'browser-file': 'the file source (src/taskpane/fileSource.ts)',
  'browser-download': "the download button's busy spinner (src/taskpane/useDownloadSpinner.ts)",
  'xlsx-read': 'reading .xlsx and CSV in the page (its worker has its own copy)',
  'xlsx-patch': 'writing the result workbook for download',
  template: 'the blank template workbook, offered outside Excel only (src/taskpane/NoTables.tsx)',
};

const KB = 1024;
const START_BUDGET = 200 * KB;
const ALL_BUDGET = 200 * KB;

/** gzip bytes of each .js file of a set of chunks, by file name. */
function gzipSizes(compilation, chunks) {
  const out = new Map();
  for (const chunk of chunks) {
    for (const file of chunk.files) {
      if (!file.endsWith('.js') || out.has(file)) continue;
      const asset = compilation.getAsset(file);
      out.set(file, asset ? zlib.gzipSync(asset.source.buffer(), { level: 9 }).length : 0);
    }
  }
  return out;
}

/** The page's initial chunks and every async chunk reachable from them, from the chunk graph. */
function pageChunks(compilation) {
  const initial = new Set();
  const reachable = new Set();
  const queue = [];
  for (const name of ['functions', 'taskpane']) {
    const entry = compilation.entrypoints.get(name);
    if (!entry) continue;
    for (const chunk of entry.chunks) initial.add(chunk);
    queue.push(entry);
  }
  const seen = new Set();
  while (queue.length > 0) {
    const group = queue.pop();
    if (seen.has(group)) continue;
    seen.add(group);
    for (const chunk of group.chunks) if (!initial.has(chunk)) reachable.add(chunk);
    queue.push(...group.getChildren());
  }
  return { initial, reachable };
}

const sum = (sizes) => [...sizes.values()].reduce((a, b) => a + b, 0);

/**
 * What the page loads inside Excel, in gzip bytes: at start (initial files, start chunks, the
 * largest language), later on use, and outside Excel only.
 * @example measure(compilation).start <= 200 * 1024
 * @throws nothing
 */
function measure(compilation) {
  const { initial, reachable } = pageChunks(compilation);
  const page = gzipSizes(compilation, initial);
  const start = new Map();
  const later = new Map();
  const browserOnly = new Map();
  let language = { name: '', bytes: 0 };
  for (const chunk of reachable) {
    const bytes = sum(gzipSizes(compilation, [chunk]));
    const name = chunk.name ?? [...chunk.files].join(', ');
    if (name.startsWith('i18n-')) { if (bytes > language.bytes) language = { name, bytes }; }
    else if (name in LATER) later.set(name, (later.get(name) ?? 0) + bytes);
    else if (name in BROWSER_ONLY) browserOnly.set(name, (browserOnly.get(name) ?? 0) + bytes);
    else start.set(name, (start.get(name) ?? 0) + bytes);
  }
  const atStart = sum(page) + sum(start) + language.bytes;
  return { page, start, language, later, browserOnly, atStart, all: atStart + sum(later) };
}

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const list = (sizes) => [...sizes].map(([name, bytes]) => `${name} ${kb(bytes)}`).join(', ') || 'none';

/** The two lines the build prints. */
function report(m, production) {
  const note = production ? `(target <= ${kb(START_BUDGET)})` : '(development build, not minified)';
  return [
    `In-Excel JavaScript at start: ${kb(m.atStart)} gzip ${note}: page ${kb(sum(m.page))} (${list(m.page)}) + at start in Excel ${kb(sum(m.start))} (${list(m.start)}) + one language <= ${kb(m.language.bytes)} (${m.language.name})`,
    `Later in Excel, on use: ${list(m.later)}; everything Excel can load: ${kb(m.all)} gzip${production ? ` (budget <= ${kb(ALL_BUDGET)})` : ''}. Outside Excel only: ${list(m.browserOnly)}`,
  ];
}

/** Prints the figures; in production, a figure over its budget is a build error. */
class InExcelSizePlugin {
  apply(compiler) {
    const { Compilation, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('InExcelSizePlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'InExcelSizePlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const production = compiler.options.mode === 'production';
        const m = measure(compilation);
        for (const line of report(m, production)) console.log(line);
        if (!production) return;
        if (m.atStart > START_BUDGET) compilation.errors.push(new WebpackError(`The JavaScript loaded inside Excel at start is ${kb(m.atStart)} gzip, over its ${kb(START_BUDGET)} budget (issue 22)`));
        if (m.all > ALL_BUDGET) compilation.errors.push(new WebpackError(`Everything the page can load inside Excel is ${kb(m.all)} gzip, over its ${kb(ALL_BUDGET)} budget (issue 22)`));
      });
    });
  }
}

module.exports = { InExcelSizePlugin, LATER, BROWSER_ONLY, START_BUDGET, ALL_BUDGET };
