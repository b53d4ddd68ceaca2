#!/usr/bin/env node
// The `socklab` command. Runs the TypeScript sources directly through SWC, resolving the
// workspace's @socklab/* aliases from the root tsconfig whatever the current directory.
'use strict';
const path = require('node:path');

process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', '..', '..', 'tsconfig.json');
require('@swc-node/register');
require('../src/main.ts').main();
