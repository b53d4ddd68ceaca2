#!/usr/bin/env bash
# Idempotent set-up shared by `npm start` and `npm test`: system packages (when root),
# npm packages, the generated Prisma client, and the local services the tests use.
# Safe to run on every invocation: each step checks before it acts.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[2m[setup]\033[0m %s\n' "$*" >&2; }

# Debian packages the lab needs: sandbox (bubblewrap), syscall tracing (strace), netns/TAP
# plumbing (iproute2), capture checks (tshark), the Docker-API engine for the docker driver
# (podman + runc), offline image builds (debootstrap), compilers for learner code, and the
# browser the portal's end-to-end tests drive (chromium).
APT_PACKAGES=(bubblewrap strace iproute2 iputils-ping tshark podman runc debootstrap gcc g++ python3 openjdk-17-jdk-headless chromium)
install_system_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages (install them as root): ${missing[*]}"
    return 0
  fi
  log "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_npm_packages() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    # `npm install` honours package-lock.json; `npm ci` is not used because npm 11 refuses
    # locks that omit other platforms' optional binaries (@swc/core-darwin-*, …).
    log "installing npm packages"
    npm install --no-audit --no-fund --loglevel=error
  fi
}

generate_prisma_client() {
  if [ -f scripts/prisma-generate.sh ]; then
    bash scripts/prisma-generate.sh
  fi
}

# The machine documents how its services start; start them only if they are not answering.
ensure_services() {
  if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
  if command -v redis-cli >/dev/null && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    log "starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  fi
}

ensure_tracefs() {
  if [ "$(id -u)" -eq 0 ] && [ ! -e /sys/kernel/tracing/trace ]; then
    mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || true
  fi
}

# The first `socklab run` after a fresh set-up would transpile every module and compile it
# in V8 (~1 s more): one graded run of the half-close-echo reference per driver fills both
# caches (apps/cli/bin/register-ts.cjs, code-cache.cjs) and checks that the lab works here.
warm_cli_caches() {
  [ "$(id -u)" -eq 0 ] || return 0
  [ -d node_modules/.cache/socklab-v8 ] && return 0
  local drivers=(local) out
  [ -S /run/socklab-podman.sock ] && podman image exists localhost/socklab/sandbox-base:1 && drivers+=(docker)
  for driver in "${drivers[@]}"; do
    out="$(mktemp -d)"
    log "warming the socklab command's caches (one graded run, --driver $driver)"
    node apps/cli/bin/socklab.js run half-close-echo \
      libs/pack/exercises/half-close-echo/solutions/reference/c/main.c \
      --driver "$driver" --out "$out" --quiet --json >/dev/null ||
      log "the warm-up run with --driver $driver failed: try it yourself to see why"
    rm -rf "$out"
  done
}

install_system_packages
install_npm_packages
bash scripts/link-cli.sh   # also when npm ran with --ignore-scripts
generate_prisma_client
ensure_services
ensure_tracefs
[ -x infra/images/setup-podman.sh ] && bash infra/images/setup-podman.sh
# The docker driver's learner image (C/C++/Python/Java toolchains), built offline once.
if [ "$(id -u)" -eq 0 ] && command -v podman >/dev/null && ! podman image exists localhost/socklab/sandbox-base:1; then
  bash infra/images/build-base-image.sh toolchain
fi
warm_cli_caches
exit 0
