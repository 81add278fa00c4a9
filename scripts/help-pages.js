// The custom functions' help: one page per language (help/functions.<locale>.html), written by the
// build from the functions' own metadata (names, descriptions, arguments in each language) and
// the examples in src/functions/help.json, and the helpUrl of every function pointing at its
// entry there (Microsoft's marketplace policy 1120.5 asks for a helpUrl on each custom function).
const HELP = require('../src/functions/help.json');

/** Where Excel's formulas use ";" between arguments (a comma is their decimal separator). */
const SEMICOLON = new Set(['pt-BR', 'de-DE', 'it-IT']);
/** Excel's own function names and TRUE/FALSE as localized Excel shows them. */
const EXCEL_WORDS = {
  'pt-BR': { DATE: 'DATA', TRUE: 'VERDADEIRO', FALSE: 'FALSO' },
  'de-DE': { DATE: 'DATUM', TRUE: 'WAHR', FALSE: 'FALSCH' },
  'it-IT': { DATE: 'DATA', TRUE: 'VERO', FALSE: 'FALSO' },
};

/** The page of one language, relative to the add-in's base address. */
function helpFile(locale) {
  return `help/functions.${locale}.html`;
}

/**
 * The metadata with each function's helpUrl set to its entry on the help page of `locale`.
 * @example withHelpUrls({ functions: [{ id: 'LEVEL' }] }, 'https://localhost:3000', 'de-DE').functions[0].helpUrl
 *   // 'https://localhost:3000/help/functions.de-DE.html#LEVEL'
 * @throws TypeError when metadata has no functions array.
 */
function withHelpUrls(metadata, base, locale) {
  return { ...metadata, functions: metadata.functions.map((f) => ({ ...f, helpUrl: `${base}/${helpFile(locale)}#${f.id}` })) };
}

function escapeHtml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An example's formula as typed in Excel in `locale`. */
function formula(namespace, name, args, locale) {
  const words = EXCEL_WORDS[locale] ?? {};
  const sep = SEMICOLON.has(locale) ? ';' : ',';
  const local = args.map((a) => a.replace(/^DATE\((\d+),(\d+),(\d+)\)$/, (_, y, m, d) => `${words.DATE ?? 'DATE'}(${[y, m, d].join(sep)})`));
  return `=${namespace}.${name}(${local.join(`${sep} `)})`;
}

/** An example's result as Excel shows it in `locale`. */
function resultText(example, locale) {
  const r = example.result;
  if (typeof r === 'boolean') return (EXCEL_WORDS[locale] ?? {})[r ? 'TRUE' : 'FALSE'] ?? (r ? 'TRUE' : 'FALSE');
  if (typeof r === 'number') return new Intl.NumberFormat(locale).format(r);
  if (r && typeof r === 'object') return r[locale];
  return r;
}

function entry(fn, namespace, locale, text) {
  const example = HELP.examples[fn.id];
  if (!example) throw new Error(`src/functions/help.json has no example for ${fn.id}`);
  const params = (fn.parameters ?? []).map((p) =>
    `<li><code>${escapeHtml(p.name)}</code>${p.optional ? ` (${escapeHtml(text.optional)})` : ''}: ${escapeHtml(p.description ?? '')}</li>`);
  const result = example.spill ? '' : `<p>${escapeHtml(text.result)}: <code>${escapeHtml(resultText(example, locale))}</code></p>`;
  return [
    `<section id="${escapeHtml(fn.id)}">`,
    `<h2>${escapeHtml(namespace)}.${escapeHtml(fn.name)}</h2>`,
    `<p>${escapeHtml(fn.description ?? '')}</p>`,
    params.length ? `<h3>${escapeHtml(text.arguments)}</h3><ul>${params.join('')}</ul>` : '',
    `<h3>${escapeHtml(text.example)}</h3><pre><code>${escapeHtml(formula(namespace, fn.name, example.args, locale))}</code></pre>`,
    result,
    '</section>',
  ].join('\n');
}

/**
 * The help page of one language, listing every function in `metadata` (that language's
 * functions.json) with its arguments and an example.
 * @example helpPage(require('./dist/functions.de-DE.json'), 'de-DE', 'MPN') // '<!doctype html>...'
 * @throws Error when a function has no example in src/functions/help.json or the language has no texts.
 */
function helpPage(metadata, locale, namespace, locales) {
  const text = HELP.page[locale];
  if (!text) throw new Error(`src/functions/help.json has no page texts in ${locale}`);
  const links = locales.filter((l) => l !== locale).map((l) => `<a href="functions.${l}.html" hreflang="${l}" lang="${l}">${l}</a>`).join(' · ');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(text.title)}</title>
<style>body{font-family:"Segoe UI",system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code,pre{background:#f3f3f3}pre{padding:.5rem;overflow-x:auto}section{border-top:1px solid #ddd;margin-top:1.5rem}</style>
</head>
<body>
<h1>${escapeHtml(text.title)}</h1>
<p>${escapeHtml(text.intro)}</p>
<p>${escapeHtml(text.sizes)}</p>
<p>${escapeHtml(text.other)}: ${links}</p>
${metadata.functions.map((fn) => entry(fn, namespace, locale, text)).join('\n')}
</body>
</html>
`;
}

module.exports = { helpFile, withHelpUrls, helpPage, formula, resultText, HELP };
