#!/usr/bin/env node
// Entry point of the installed `competency` command: runs the TypeScript CLI through tsx.
require('tsx/cjs/api').register();
const { runProcess } = require('../src/cli/main.ts');

runProcess(process.argv.slice(2));
