// What `npm start` decides before it serves: the port (--port, or the first free one from 3000),
// whether the development certificate already in ~/.office-addin-dev-certs can be used as it is
// (office-addin-dev-certs makes a new certificate authority whenever it cannot see its CA in the
// system store, which on Linux undoes a trust the user added by hand), and whether sudo exists
// (the library trusts its CA on Linux through sudo, and reports a missing sudo as a rights problem).
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const DEFAULT_PORT = 3000;
/** How many ports after 3000 are tried when --port is not given. */
const PORTS_TRIED = 20;

/** A one-line refusal: the message is what the user reads, exitCode what the process returns. */
class StartError extends Error {
  constructor(message, exitCode) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * npm start's own options: `--port N` (or `--port=N`).
 * @example parseStartArgs(['--port', '3001']) // { port: 3001 }
 * @throws StartError (exit 2) for an unknown option or a port outside 1-65535.
 */
function parseStartArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--port(?:=(.*))?$/.exec(arg);
    if (!m) throw new StartError(`npm start: unknown option ${arg} (it takes --port N)`, 2);
    const raw = m[1] ?? argv[++i];
    const port = Number(raw);
    if (!/^\d+$/.test(String(raw)) || port < 1 || port > 65535) throw new StartError(`npm start: --port takes a port number from 1 to 65535, not "${raw ?? ''}"`, 2);
    out.port = port;
  }
  return out;
}

/**
 * Whether nothing listens on `port` of `host` (tried by listening there for a moment).
 * @example await portIsFree(3000) // true
 * @throws never: any error but EADDRINUSE/EACCES also counts as not free.
 */
function portIsFree(port, host = 'localhost') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * The port to serve on: the one asked for when it is free, else the first free one from 3000.
 * @example await choosePort(undefined) // 3000, or 3001 when 3000 is taken
 * @throws StartError (exit 1) when the asked port is taken, or none of 3000-3019 is free.
 */
async function choosePort(requested, host = 'localhost') {
  if (requested !== undefined) {
    if (await portIsFree(requested, host)) return requested;
    throw new StartError(`npm start: port ${requested} is in use (another npm start?); stop that server, or choose another port with --port, or leave --port out to take the next free one.`, 1);
  }
  for (let port = DEFAULT_PORT; port < DEFAULT_PORT + PORTS_TRIED; port++) if (await portIsFree(port, host)) return port;
  throw new StartError(`npm start: ports ${DEFAULT_PORT}-${DEFAULT_PORT + PORTS_TRIED - 1} are all in use; choose one with --port.`, 1);
}

/**
 * The certificate, key and CA in `dir` when they can be served as they are: all three present,
 * the certificate for localhost, signed by that CA, matching the key, and valid for at least a
 * day after `now`. Otherwise why not, so the caller can let office-addin-dev-certs make new ones.
 * @example reusableCertificates(os.homedir() + '/.office-addin-dev-certs', new Date()) // { ok: true, key, cert, ca }
 * @throws never: unreadable or malformed files are a reason, not an exception.
 */
function reusableCertificates(dir, now) {
  const files = { key: 'localhost.key', cert: 'localhost.crt', ca: 'ca.crt' };
  const read = {};
  for (const [name, file] of Object.entries(files)) {
    try {
      read[name] = fs.readFileSync(path.join(dir, file));
    } catch {
      return { ok: false, reason: `no ${file}` };
    }
  }
  try {
    const cert = new crypto.X509Certificate(read.cert);
    const ca = new crypto.X509Certificate(read.ca);
    if (cert.checkHost('localhost') === undefined) return { ok: false, reason: 'the certificate is not for localhost' };
    if (!cert.verify(ca.publicKey)) return { ok: false, reason: 'the certificate is not signed by ca.crt' };
    if (!cert.checkPrivateKey(crypto.createPrivateKey(read.key))) return { ok: false, reason: 'localhost.key does not match the certificate' };
    if (Date.parse(cert.validTo) < now.getTime() + 24 * 3600 * 1000) return { ok: false, reason: `the certificate expires on ${cert.validTo}` };
  } catch (e) {
    return { ok: false, reason: `unreadable certificate (${String(e && e.message ? e.message : e).split('\n')[0]})` };
  }
  return { ok: true, key: read.key, cert: read.cert, ca: read.ca };
}

/**
 * Whether an executable named `command` is on the PATH given.
 * @example hasCommand('sudo', process.env.PATH) // false in a container without sudo
 * @throws never.
 */
function hasCommand(command, searchPath = process.env.PATH ?? '') {
  return searchPath.split(path.delimiter).filter(Boolean).some((dir) => {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

module.exports = { DEFAULT_PORT, StartError, parseStartArgs, portIsFree, choosePort, reusableCertificates, hasCommand };
