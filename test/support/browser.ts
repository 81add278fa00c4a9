/**
 * Browser-test support: serves the built dist/ on 127.0.0.1 and launches Debian's Chromium with
 * playwright-core. Requests for office.js on Microsoft's CDN are answered from the local copy in
 * node_modules (the tests run offline), or refused, to test the pane when office.js cannot load.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const OFFICE_DIST = path.join(ROOT, 'node_modules/@microsoft/office-js/dist');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.png': 'image/png', '.xlsx': 'application/octet-stream', '.xml': 'text/xml' };

/** Serves dist/ on an ephemeral port; returns its base URL and a closer. */
export async function serveDist(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(path.join(DIST, 'taskpane.html'))) throw new Error('dist/ is missing: run npm run build first (npm test does)');
  const server: Server = createServer((req, res) => {
    const file = path.join(DIST, decodeURIComponent((req.url ?? '/').split('?')[0] as string));
    if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Debian's Chromium, headless, with the network quiet. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Office.js's own telemetry frame: office.js (o15apptofilemappingtable.js, ULSEndpointProxy)
 * appends this iframe 3 s after it loads, whatever the page does, so a test that runs longer
 * than that sees it. It is Office.js's request, not ours (the product makes none), so it is
 * refused like any other but kept apart from `external`.
 */
const OFFICE_TELEMETRY = 'https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html';

/**
 * A browser context whose office.js requests are served locally (office: 'local') or refused
 * (office: 'offline'). Every other non-local request is refused and recorded in `external`
 * (Office.js's own telemetry frame in `officeTelemetry`).
 */
export async function context(browser: Browser, options: { office: 'local' | 'offline'; locale?: string }): Promise<{ ctx: BrowserContext; external: string[]; officeTelemetry: string[] }> {
  const ctx = await browser.newContext({ locale: options.locale ?? 'en-US', acceptDownloads: true });
  const external: string[] = [];
  const officeTelemetry: string[] = [];
  await ctx.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    if (url.hostname === 'appsforoffice.microsoft.com' && options.office === 'local') {
      const rel = url.pathname.replace(/^\/lib\/1\/hosted\//, '');
      const file = path.join(OFFICE_DIST, rel);
      if (file.startsWith(OFFICE_DIST) && existsSync(file)) return route.fulfill({ path: file, contentType: 'text/javascript' });
    }
    (url.href === OFFICE_TELEMETRY ? officeTelemetry : external).push(url.href);
    return route.abort();
  });
  return { ctx, external, officeTelemetry };
}

/** The built pane's server and a Chromium, for one test file. */
export interface ServedPane {
  readonly browser: Browser;
  /** Where dist/ is served, e.g. http://127.0.0.1:41234. */
  readonly url: string;
}

/**
 * Serves dist/ and launches Chromium before a test file's tests (jest beforeAll) and closes both
 * after them, so each browser test file does not spell out the same set-up and tear-down.
 * @example const pane = servedPane(); test('x', async () => { const { ctx } = await context(pane.browser, { office: 'offline' }) })
 */
export function servedPane(): ServedPane {
  let browser: Browser | undefined;
  let server: { url: string; close: () => Promise<void> } | undefined;
  beforeAll(async () => {
    server = await serveDist();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('servedPane: used before its beforeAll ran');
    return v;
  };
  return {
    get browser() { return started(browser); },
    get url() { return started(server).url; },
  };
}
