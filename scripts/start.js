// npm start [-- --port N]: builds the add-in and serves it on https://localhost:PORT (3000, or the
// next free port; --port to choose), with the development certificate in ~/.office-addin-dev-certs
// reused while it is valid, or plain http with a clear message when no certificate can be had.
// Prints how to sideload the manifest and the address of the task pane outside Excel.
// Every failure it knows is one line and an exit code (1 cannot serve, 2 bad option).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { DEFAULT_PORT, StartError, parseStartArgs, choosePort, reusableCertificates, hasCommand } = require('./dev-server');
const { xmlManifest } = require('./manifest/xml');

const ROOT = path.resolve(__dirname, '..');
const CERT_DIR = path.join(os.homedir(), '.office-addin-dev-certs');
const firstLine = (e) => String(e && e.message ? e.message : e).split('\n')[0];
const say = (text) => process.stdout.write(`${text}\n`);

/** The dev server's https settings from a usable certificate (see reusableCertificates). */
const https = ({ key, cert, ca }) => ({ type: 'https', options: { key, cert, ca } });

/** Makes a certificate without trusting it (no sudo to trust it with), and says so. */
async function untrustedCertificate() {
  const { generateCertificates } = require('office-addin-dev-certs/lib/generate');
  fs.mkdirSync(CERT_DIR, { recursive: true });
  await generateCertificates(path.join(CERT_DIR, 'ca.crt'), path.join(CERT_DIR, 'localhost.crt'), path.join(CERT_DIR, 'localhost.key'));
  say(`sudo is not installed, so the development certificate authority could not be added to this machine's trusted certificates.\n` +
    `Serving https with the certificate made in ${CERT_DIR} anyway: trust ${path.join(CERT_DIR, 'ca.crt')} in your browser yourself,\n` +
    'or install sudo and run npm start again. The next start reuses this certificate.');
  const made = reusableCertificates(CERT_DIR, new Date());
  if (!made.ok) throw new Error(`the certificate just made cannot be used: ${made.reason}`);
  return https(made);
}

async function certificates() {
  const reuse = reusableCertificates(CERT_DIR, new Date());
  if (reuse.ok) {
    say(`Using the development certificate in ${CERT_DIR} (valid; trusted as you left it).`);
    return https(reuse);
  }
  say(`Making a development certificate (${reuse.reason}).`);
  try {
    if (process.platform === 'linux' && !hasCommand('sudo')) return await untrustedCertificate();
    const devCerts = require('office-addin-dev-certs');
    return https(await devCerts.getHttpsServerOptions());
  } catch (e) {
    // Made but not trusted (the library could not install it): serve https anyway, and say so.
    const made = reusableCertificates(CERT_DIR, new Date());
    if (made.ok) {
      say(`The development certificate in ${CERT_DIR} could not be trusted (${firstLine(e)}).\n` +
        'Serving https with it anyway: trust ca.crt yourself (or run `npx office-addin-dev-certs install` as an administrator).');
      return https(made);
    }
    say(`Could not make a development certificate (${firstLine(e)}).\n` +
      'Serving on plain http instead: the task pane works in a browser, but Excel only loads add-ins over https.');
    return { type: 'http' };
  }
}

/** The manifest to sideload: the repository's for port 3000, else one written for this port. */
function manifestFor(port) {
  if (port === DEFAULT_PORT) return path.join(ROOT, 'manifest.xml');
  const file = path.join(ROOT, 'dist', `manifest.localhost-${port}.xml`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, xmlManifest(`https://localhost:${port}`));
  return file;
}

async function serve(port, server) {
  const webpack = require('webpack');
  const WebpackDevServer = require('webpack-dev-server');
  const config = require('../webpack.config.js');
  const compiler = webpack(config({ officeJs: 'cdn', url: `https://localhost:${port}` }, { mode: 'development' }));
  const dev = new WebpackDevServer({
    port, host: 'localhost', server,
    headers: { 'Access-Control-Allow-Origin': '*' },
    static: { directory: path.join(ROOT, 'dist'), watch: false },
    hot: false, liveReload: false, client: false,
  }, compiler);
  try {
    await dev.start();
  } catch (e) {
    if (e && e.code === 'EADDRINUSE') throw new StartError(`npm start: port ${port} was taken while starting; run npm start again.`, 1);
    throw e;
  }
}

function printHowTo(port, scheme, manifest) {
  const base = `${scheme}://localhost:${port}`;
  say([
    '',
    `Cloud CRM Competency Tracker is served at ${base}/taskpane.html`,
    '',
    'Sideload it into Excel:',
    `  Excel on the web: Home > Add-ins > More Add-ins > My Add-ins > Upload My Add-in, and pick ${manifest}`,
    '  Excel on Windows: put the manifest in a shared folder, add that folder as a Trusted Add-in Catalog',
    '    (File > Options > Trust Center > Trust Center Settings > Trusted Add-in Catalogs), restart Excel,',
    '    then Home > Add-ins > Advanced > Shared Folder.',
    '  Excel on Mac: copy the manifest to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ and restart Excel.',
    '',
    'Outside Excel, with the sample workbook loaded:',
    `  ${base}/taskpane.html?sample=1&asOf=2018-06-30`,
    '',
  ].join('\n'));
}

async function main() {
  const { port: asked } = parseStartArgs(process.argv.slice(2));
  const port = await choosePort(asked);
  if (asked === undefined && port !== DEFAULT_PORT) say(`Port ${DEFAULT_PORT} is in use; serving on ${port} (choose with --port).`);
  const server = await certificates();
  await serve(port, server);
  printHowTo(port, server.type === 'https' ? 'https' : 'http', manifestFor(port));
}

main().catch((e) => {
  if (e instanceof StartError) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = e.exitCode;
    return;
  }
  process.stderr.write(`npm start failed: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 1;
});
