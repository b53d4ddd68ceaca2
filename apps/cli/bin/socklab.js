#!/usr/bin/env node
// The `socklab` command. Runs the TypeScript sources directly (register-ts.cjs: transpiled
// once and cached), resolving the workspace's @socklab/* aliases whatever the current directory;
// V8's compiled code is cached too (code-cache.cjs).
'use strict';
require('./code-cache.cjs');
require('./register-ts.cjs');
require('../src/main.ts').main();
