#!/usr/bin/env bash
# Scaffolds the Nx project files (project.json, tsconfig, jest, eslint) for one project.
# Usage: scripts/new-project.sh libs/netstack "type:domain,scope:lab"
set -euo pipefail
dir=$1; tags=$2; name=$(basename "$dir")
mkdir -p "$dir/src"
tag_json=$(printf '"%s",' ${tags//,/ }); tag_json="[${tag_json%,}]"
ptype=library; [[ $dir == apps/* ]] && ptype=application
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "../../node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "$ptype",
  "tags": $tag_json,
  "targets": {
    "test": {},
    "lint": {},
    "typecheck": {}
  }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.json",
  "compilerOptions": { "types": ["node", "jest"] },
  "include": ["src/**/*.ts", "test/**/*.ts"]
}
JSON
cat > "$dir/jest.config.cjs" <<JS
module.exports = { ...require('../../jest.preset.cjs'), displayName: '$name', rootDir: __dirname };
JS
cat > "$dir/eslint.config.mjs" <<JS
import base from '../../eslint.config.mjs';

export default [...base];
JS
