#!/usr/bin/env bash
# Generates the Prisma client (libs/db/src/generated/prisma, gitignored) from
# prisma/schema.prisma, offline. `prisma generate` needs no schema engine, but the CLI
# insists on locating one before it starts: PRISMA_SCHEMA_ENGINE_BINARY points it at a
# stub that is never executed for generation. An engine path already set is respected.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ -z "${PRISMA_SCHEMA_ENGINE_BINARY:-}" ]]; then
  stub="$(mktemp -t socklab-schema-engine-stub.XXXXXX)"
  trap 'rm -f "$stub"' EXIT
  printf '#!/bin/sh\necho "socklab: the Prisma schema engine is not available offline; migrations are applied by libs/db" >&2\nexit 1\n' >"$stub"
  chmod +x "$stub"
  export PRISMA_SCHEMA_ENGINE_BINARY="$stub"
fi
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1

node_modules/.bin/prisma generate --schema prisma/schema.prisma
