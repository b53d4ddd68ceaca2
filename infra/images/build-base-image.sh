#!/usr/bin/env bash
# Builds a socklab sandbox image offline from a Debian debootstrap rootfs and imports it
# into the local Podman store.
#
#   build-base-image.sh [runtime|toolchain]
#
# Profiles (see infra/images/README.md for the rationale):
#   runtime    minbase + strace                         -> localhost/socklab/sandbox-runtime:1
#              Runs programs compiled on a bookworm host (same glibc). Small (~60 MB
#              download, ~1-2 min); this is what the sandbox test-suite and CI use.
#   toolchain  runtime + gcc g++ python3 openjdk-17-jdk-headless
#                                                       -> localhost/socklab/sandbox-base:1
#              The full learner image (build + run), several minutes on a fresh machine.
#
# Idempotent: the rootfs tarball is cached under $SOCKLAB_IMAGE_CACHE
# (/var/cache/socklab) and reused; the import is skipped when the tag already exists.
# Environment: DEBIAN_MIRROR (default: first URIs of /etc/apt/sources.list.d/debian.sources,
# else http://deb.debian.org/debian), SOCKLAB_IMAGE_CACHE.
set -euo pipefail

profile="${1:-runtime}"
cache_dir="${SOCKLAB_IMAGE_CACHE:-/var/cache/socklab}"
suite=bookworm

case "$profile" in
  runtime)
    packages="strace,ca-certificates"
    tag="localhost/socklab/sandbox-runtime:1"
    ;;
  toolchain)
    packages="strace,ca-certificates,gcc,g++,libc6-dev,python3,openjdk-17-jdk-headless"
    tag="localhost/socklab/sandbox-base:1"
    ;;
  *)
    echo "build-base-image: unknown profile '$profile' (expected runtime|toolchain)" >&2
    exit 2
    ;;
esac

detect_mirror() {
  local sources=/etc/apt/sources.list.d/debian.sources
  if [[ -r $sources ]]; then
    awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' "$sources"
  fi
}
mirror="${DEBIAN_MIRROR:-$(detect_mirror)}"
mirror="${mirror:-http://deb.debian.org/debian}"

if podman image exists "$tag"; then
  echo "build-base-image: $tag already present"
  exit 0
fi

tarball="$cache_dir/sandbox-$profile-$suite.tar"
if [[ ! -s $tarball ]]; then
  command -v debootstrap >/dev/null || { echo "build-base-image: debootstrap missing (apt-get install debootstrap)" >&2; exit 3; }
  mkdir -p "$cache_dir"
  work="$(mktemp -d "$cache_dir/rootfs-$profile.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  echo "build-base-image: debootstrap $suite ($profile) from $mirror"
  debootstrap --variant=minbase --include="$packages" "$suite" "$work/rootfs" "$mirror"
  # Trim what a sandbox never needs: package caches, docs, locales.
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"* \
    "$work/rootfs/usr/share/doc" "$work/rootfs/usr/share/man" "$work/rootfs/usr/share/locale"
  # The unprivileged identity every sandboxed program runs as (65534 = nobody/nogroup
  # already exists in Debian's base-passwd); a writable /work mount point.
  mkdir -p "$work/rootfs/work"
  tar -C "$work/rootfs" --numeric-owner -cf "$tarball.partial" .
  mv "$tarball.partial" "$tarball"
fi

echo "build-base-image: importing $tarball as $tag"
podman import --change 'WORKDIR /work' --change 'USER 65534:65534' --change 'CMD ["/bin/sh"]' \
  "$tarball" "$tag" >/dev/null
echo "build-base-image: $tag ready"
