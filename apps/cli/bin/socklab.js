#!/usr/bin/env node
// The `socklab` command. Runs the TypeScript sources directly through SWC, resolving the
// workspace's @socklab/* aliases from the root tsconfig whatever the current directory.
'use strict';
const path = require('node:path');

require('../../../scripts/register-ts.cjs');

require('../src/main.ts').main();
