#!/usr/bin/env bash
# Makes `npx socklab` run apps/cli/bin/socklab.js directly: npx runs a command found in
# node_modules/.bin at once. (A "bin" entry in the root package.json would instead make npx
# install the project into its cache first, ~3 s on every call.) Run by `npm install`.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p node_modules/.bin
ln -sfn ../../apps/cli/bin/socklab.js node_modules/.bin/socklab
