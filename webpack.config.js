// Builds dist/: the shared-runtime page (task pane + custom functions), functions.json and its
// localized copies, the manifest and the icons.
//   npm run build                      production, office.js from Microsoft's CDN (AppSource requires it)
//   npm run build -- --env officeJs=local   (or OFFICE_JS=local) also copies office.js into
//                                      dist/office-js and loads it from there (offline tests)
//   npm run build -- --env url=https://example.com/addin   (or ADDIN_URL=...) writes that address
//                                      into dist/manifest.xml instead of https://localhost:3000
//   npm run build:dev                  development build (source maps, not minified)
//   npx webpack serve --mode development    serves on https://localhost:3000 with the
//                                      office-addin-dev-certs certificate (http when there is none,
//                                      or with --env https=false); npm start does the same, and more
const path = require('node:path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const { DEV_URL, normalizeAddinUrl } = require('./scripts/manifest-url');
const { AddinFilesPlugin } = require('./scripts/addin-files-plugin');
// Prints (and in production holds to its budgets) the JavaScript the page loads inside Excel.
const { InExcelSizePlugin } = require('./scripts/in-excel-size');

const CDN_OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/**
 * `webpack serve`: https with the office-addin-dev-certs certificate (made, and trusted where
 * possible, on first use), as Excel only loads add-ins over https; plain http when that fails
 * or with --env https=false.
 */
async function devServerTransport(env) {
  if (env.https === false || env.https === 'false') return { type: 'http' };
  try {
    const { getHttpsServerOptions } = require('office-addin-dev-certs');
    const { key, cert, ca } = await getHttpsServerOptions();
    return { type: 'https', options: { key, cert, ca } };
  } catch (e) {
    console.warn(`No development certificate (${e && e.message ? e.message.split('\n')[0] : e}); serving http. Excel needs https: run npx office-addin-dev-certs install.`);
    return { type: 'http' };
  }
}

// webpack-cli passes env from --env (plus WEBPACK_BUILD / WEBPACK_SERVE); scripts/start.js calls
// this directly and gets the configuration synchronously (only `webpack serve` gets a promise).
module.exports = (env = {}, argv = {}) => {
  const config = configuration(env, argv);
  if (!env.WEBPACK_SERVE) return config;
  return devServerTransport(env).then((server) => ({ ...config, devServer: { ...config.devServer, server } }));
};

function configuration(env, argv) {
  const dev = argv.mode === 'development';
  const localOffice = env.officeJs === 'local' || process.env.OFFICE_JS === 'local';
  // The deployed address, checked now so a bad one fails the build before anything is emitted.
  const rawUrl = env.url ?? process.env.ADDIN_URL;
  const addinUrl = rawUrl === undefined || rawUrl === '' ? undefined : normalizeAddinUrl(rawUrl);
  return {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    entry: {
      // One page in Excel (the shared runtime), so one webpack runtime for both: one copy of each
      // module (with two, webpack could not share modules whose used exports differ per entry,
      // and the functions and the pane each had their own, e.g. their own loaded languages).
      functions: { import: './src/functions/functions.ts', runtime: 'page' },
      taskpane: { import: './src/taskpane/index.tsx', runtime: 'page' },
      // The pane's worker outside Excel (reads and evaluates a file): self-contained, loaded by
      // fileSource with new Worker("worker.js"), never inside Excel.
      // Its language chunk (below) comes with importScripts, as a worker has no document.
      worker: { import: './src/taskpane/evaluate.worker.ts', chunkLoading: 'import-scripts' },
      // The download's deflate, started by that worker beside it (src/taskpane/deflateWorker.ts).
      'deflate-worker': { import: './src/taskpane/deflate.worker.ts' },
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      chunkFilename: 'chunks/[name].[contenthash:8].js',
      publicPath: '',
      clean: true,
    },
    // csv-parse's Node build uses Buffer: the pane's worker takes its browser build (same parser).
    resolve: { extensions: ['.ts', '.tsx', '.js'], alias: { 'csv-parse/sync$': 'csv-parse/browser/esm/sync' } },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          options: { transpileOnly: true, compilerOptions: { module: 'esnext', sourceMap: dev } },
        },
        {
          // Runs before ts-loader, after the metadata plugin appends its CustomFunctions.associate
          // calls: guards them, so the page does not throw where office.js could not load.
          test: path.resolve(__dirname, 'src/functions/functions.ts'),
          loader: path.resolve(__dirname, 'scripts/guard-associate-loader.js'),
        },
        {
          // Before ts-loader: the page's language chunks leave out the messages only the CLI says.
          test: /[\\/]src[\\/]i18n[\\/](en-US|pt-BR|de-DE|zh-TW|ko-KR|it-IT)\.ts$/,
          loader: path.resolve(__dirname, 'scripts/page-messages-loader.js'),
        },
      ],
    },
    plugins: [
      // The page loads only its own language: src/i18n/catalogues.ts (all six, for Node) becomes
      // catalogues.lazy.ts, where each language but English is a chunk fetched on first use.
      new webpack.NormalModuleReplacementPlugin(/^\.\/catalogues$/, (resource) => {
        if (/[\\/]src[\\/]i18n$/.test(resource.context)) resource.request = './catalogues.lazy';
      }),
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['functions', 'taskpane'],
        chunksSortMode: 'manual',
        templateParameters: { officeJs: localOffice ? 'office-js/office.js' : CDN_OFFICE_JS },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'assets/sample-distributor.xlsx', to: 'assets/[name][ext]' },
          { from: 'assets/help.html', to: 'help.html' },
          { from: 'assets/privacy.html', to: 'privacy.html' },
          { from: 'assets/terms.html', to: 'terms.html' },
          { from: 'src/functions/locales/*.json', to: 'functions.[name][ext]', noErrorOnMissing: true },
          ...(localOffice
            ? [{ from: 'node_modules/@microsoft/office-js/dist', to: 'office-js', info: { minimized: true } }]
            : []),
        ],
      }),
      // manifest.xml, manifest.json (+ languages, + unified-manifest.zip), help pages, helpUrls.
      new AddinFilesPlugin({ base: addinUrl ?? DEV_URL }),
      new InExcelSizePlugin(),
    ],
    // Code both entries use (core, sheets, i18n) ships once, in a shared chunk of the same page.
    optimization: { splitChunks: { chunks: (chunk) => chunk.canBeInitial() && chunk.name !== 'worker' && chunk.name !== 'deflate-worker', cacheGroups: { shared: { name: 'shared', minChunks: 2, priority: 10, reuseExistingChunk: true } } } },
    performance: { hints: false },
    devServer: {
      static: { directory: path.resolve(__dirname, 'dist') },
      port: 3000,
      headers: { 'Access-Control-Allow-Origin': '*' },
    },
  };
}
