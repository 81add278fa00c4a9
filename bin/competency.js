#!/usr/bin/env node
// Entry point of the installed `competency` command: the CLI compiled to JavaScript in lib/
// (`npm run build:cli`; `npm pack` and `npm run competency` build it first), so nothing is
// compiled at run time and the package needs no TypeScript tooling. runProcess sets the exit
// code, and ends quietly (exit 0) when the reader of stdout closes it early (`| head -1`).
'use strict';
let cli;
try {
  cli = require('../lib/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes('lib/cli/main.js')) {
    process.stderr.write('competency: the CLI is not built; run `npm run build:cli` in the package folder\n');
    process.exit(1);
  }
  throw e;
}
cli.runProcess(process.argv.slice(2));
