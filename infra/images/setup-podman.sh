#!/usr/bin/env bash
# Host setup for the docker sandbox driver on machines without Docker Engine: installs
# Podman + runc, configures them, and serves Podman's Docker-compatible API on
# unix:///run/socklab-podman.sock. Idempotent: safe to call from CI on every run.
#
#   setup-podman.sh            install, configure, start the API service (background)
#   setup-podman.sh --stop     stop the API service started by this script
set -euo pipefail

socket=/run/socklab-podman.sock
pidfile=/run/socklab-podman.pid
conf=/etc/containers/containers.conf.d/50-socklab.conf

if [[ ${1:-} == --stop ]]; then
  if [[ -s $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then kill "$(cat "$pidfile")"; fi
  rm -f "$pidfile" "$socket"
  exit 0
fi

missing=()
for tool in podman runc debootstrap bwrap strace ip; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq podman runc debootstrap bubblewrap strace iproute2
fi

# runc (crun is not installed); no default ulimits (the container's nofile/nproc come from
# the driver's limits, and raising them above the host's fails inside some CI containers);
# cgroupfs because this host has no systemd as pid 1.
mkdir -p "$(dirname "$conf")"
cat >"$conf.tmp" <<'CONF'
[containers]
default_ulimits = []

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
mv "$conf.tmp" "$conf"

if [[ -S $socket ]] && [[ -s $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "setup-podman: API already served on $socket"
  exit 0
fi
rm -f "$socket"
# conmon writes files such as `oom` into its working directory: give it one of its own,
# not the caller's (the repository, when started by scripts/setup.sh).
workdir=/var/lib/socklab-podman
mkdir -p "$workdir"
cd "$workdir"
nohup podman system service --time=0 "unix://$socket" >/var/log/socklab-podman.log 2>&1 &
echo $! >"$pidfile"
for _ in $(seq 50); do [[ -S $socket ]] && break; sleep 0.1; done
[[ -S $socket ]] || { echo "setup-podman: API socket did not appear, see /var/log/socklab-podman.log" >&2; exit 1; }
echo "setup-podman: API served on $socket (pid $(cat "$pidfile"))"
