// Webpack plugin: the files that describe the add-in to Office, written from one source each at
// build time for the address the add-in is served at: manifest.xml and the unified manifest
// (scripts/manifest), the help pages of the functions (scripts/help-pages.js) and every
// functions*.json with its helpUrls, plus unified-manifest.zip (the app package for the unified
// manifest: manifest.json, its language files and its two icons).
const fs = require('node:fs');
const path = require('node:path');
const { zipSync, strToU8 } = require('fflate');
const { ADDIN } = require('./manifest/addin');
const { xmlManifest } = require('./manifest/xml');
const { unifiedFiles } = require('./manifest/unified');
const { helpFile, helpPage, withHelpUrls } = require('./help-pages');

const ROOT = path.resolve(__dirname, '..');

class AddinFilesPlugin {
  /** @param {{ base: string }} options the add-in's https base address, without a trailing slash */
  constructor(options) {
    this.base = options.base;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('AddinFilesPlugin', (compilation) => {
      // After the metadata plugin's functions.json and the copied functions.<locale>.json exist.
      compilation.hooks.processAssets.tap({ name: 'AddinFilesPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        for (const [file, content] of Object.entries(this.files((name) => compilation.getAsset(name)))) {
          const source = new sources.RawSource(typeof content === 'string' ? content : Buffer.from(content));
          // Marked minimized: shipped as written (production builds minify other .html and .json).
          if (compilation.getAsset(file)) compilation.updateAsset(file, source, { minimized: true });
          else compilation.emitAsset(file, source, { minimized: true });
        }
      });
    });
  }

  /** Every file this plugin writes, as name -> content, given the build's own assets. */
  files(asset) {
    const out = { 'manifest.xml': xmlManifest(this.base) };
    for (const locale of ADDIN.locales) {
      const file = ADDIN.functions.metadata[locale];
      const found = asset(file);
      if (!found) throw new Error(`The build made no ${file}`);
      const metadata = withHelpUrls(JSON.parse(found.source.source().toString()), this.base, locale);
      out[file] = `${JSON.stringify(metadata, null, 2)}\n`;
      out[helpFile(locale)] = helpPage(metadata, locale, ADDIN.functions.namespace, ADDIN.locales);
    }
    const unified = unifiedFiles(this.base, (icon) => fs.readFileSync(path.join(ROOT, icon)));
    for (const [name, content] of Object.entries(unified)) if (name.endsWith('.json')) out[name] = content;
    const zipEntries = Object.fromEntries(Object.entries(unified).map(([name, c]) => [name, typeof c === 'string' ? strToU8(c) : new Uint8Array(c)]));
    // A fixed time stamp, so the same sources give the same package.
    out['unified-manifest.zip'] = zipSync(zipEntries, { mtime: new Date('2018-06-30T00:00:00Z') });
    return out;
  }
}

module.exports = { AddinFilesPlugin };
