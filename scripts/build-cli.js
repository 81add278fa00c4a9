#!/usr/bin/env node
// Builds the CLI into lib/ (tsc -p tsconfig.cli.json) when a source file is newer than the last
// build, so `npm run competency` starts in half a second when nothing changed instead of
// spending seconds in the TypeScript compiler. `--force` always builds (prepack does).
// It says so on stderr while the compiler runs (the first build takes a while), and the compiler's
// own output goes to stderr too, so `npm run -s competency -- ... --json` keeps stdout pure JSON.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const stamp = path.join(root, 'lib', '.tsbuildinfo');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (/\.(ts|json)$/.test(e.name)) t = Math.max(t, fs.statSync(p).mtimeMs);
  }
  return t;
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const sources = Math.max(newest(path.join(root, 'src')), ...['tsconfig.json', 'tsconfig.cli.json', 'package.json'].map((f) => fs.statSync(path.join(root, f)).mtimeMs));
const first = !fs.existsSync(path.join(root, 'lib', 'cli', 'main.js'));
if (process.argv.includes('--force') || sources > built || first) {
  process.stderr.write(`Building the CLI${first ? ' (first run)' : sources > built ? ' (sources changed)' : ''}…\n`);
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.cli.json')], { stdio: ['ignore', 2, 2], cwd: root });
  // tsc leaves the build info untouched when nothing changed; the stamp says we checked.
  const now = new Date();
  fs.utimesSync(stamp, now, now);
}
