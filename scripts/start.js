// npm start: builds the add-in and serves it on https://localhost:3000 (office-addin-dev-certs),
// or on http://localhost:3000 with a clear message when certificates cannot be made or trusted.
// Prints how to sideload manifest.xml and the address of the task pane outside Excel.
const fs = require('node:fs');
const path = require('node:path');
const webpack = require('webpack');
const WebpackDevServer = require('webpack-dev-server');
const config = require('../webpack.config.js');

const PORT = 3000;

async function certificates() {
  try {
    const devCerts = require('office-addin-dev-certs');
    // Makes (and tries to trust) a localhost certificate under ~/.office-addin-dev-certs.
    const options = await devCerts.getHttpsServerOptions();
    return { type: 'https', options: { key: options.key, cert: options.cert, ca: options.ca } };
  } catch (e) {
    // Made but not trusted (no administrator rights): serve https anyway, and say so.
    const dir = path.join(require('node:os').homedir(), '.office-addin-dev-certs');
    const files = ['localhost.key', 'localhost.crt', 'ca.crt'].map((f) => path.join(dir, f));
    if (files.every((f) => fs.existsSync(f))) {
      process.stdout.write(
        `\nThe development certificate in ${dir} could not be trusted (${e && e.message ? e.message.split('\n')[0] : e}).\n` +
        'Serving https with it anyway: trust ca.crt yourself (or run `npx office-addin-dev-certs install` as an administrator)\n' +
        'so that Excel and your browser accept https://localhost:3000.\n\n',
      );
      const [key, cert, ca] = files.map((f) => fs.readFileSync(f));
      return { type: 'https', options: { key, cert, ca } };
    }
    process.stdout.write(
      `\nCould not make or trust a development certificate (${e && e.message ? e.message.split('\n')[0] : e}).\n` +
      'Serving on plain http instead: the task pane works in a browser, but Excel only loads add-ins over https.\n' +
      'Run `npx office-addin-dev-certs install` with administrator rights, then npm start again.\n\n',
    );
    return { type: 'http' };
  }
}

async function main() {
  const server = await certificates();
  const scheme = server.type === 'https' ? 'https' : 'http';
  const compiler = webpack(config({ officeJs: 'cdn' }, { mode: 'development' }));
  const dev = new WebpackDevServer({
    port: PORT,
    host: 'localhost',
    server,
    headers: { 'Access-Control-Allow-Origin': '*' },
    static: { directory: path.resolve(__dirname, '..', 'dist'), watch: false },
    hot: false,
    liveReload: false,
    client: false,
  }, compiler);
  await dev.start();
  const manifest = path.resolve(__dirname, '..', 'manifest.xml');
  process.stdout.write([
    '',
    `Cloud CRM Competency Tracker is served at ${scheme}://localhost:${PORT}/taskpane.html`,
    '',
    'Sideload it into Excel:',
    `  Excel on the web: Home > Add-ins > More Add-ins > My Add-ins > Upload My Add-in, and pick ${manifest}`,
    '  Excel on Windows: put manifest.xml in a shared folder, add that folder as a Trusted Add-in Catalog',
    '    (File > Options > Trust Center > Trust Center Settings > Trusted Add-in Catalogs), restart Excel,',
    '    then Home > Add-ins > Advanced > Shared Folder.',
    `  Excel on Mac: copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ and restart Excel.`,
    '',
    'Outside Excel, with the sample workbook loaded:',
    `  ${scheme}://localhost:${PORT}/taskpane.html?sample=1&asOf=2018-06-30`,
    '',
    fs.existsSync(manifest) ? '' : 'manifest.xml is missing!',
  ].join('\n'));
}

main().catch((e) => { process.stderr.write(`npm start failed: ${e && e.stack ? e.stack : e}\n`); process.exitCode = 1; });
