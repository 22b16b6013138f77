#!/usr/bin/env bash
# build.sh - builds the StorageKit test images without any registry (uses DOCKER_HOST, e.g. from dockerd.sh):
#   storagekit/debian:bookworm  debootstrap --variant=minbase + docker import
#   storagekit/ceph             micro Ceph (mon + memstore OSD + mgr), pool `storagekit`
#   storagekit/gluster          glusterd + volume vol1
#   storagekit/nbdkit           nbdkit memory 64M on TCP 10809
# Each image carries the label storagekit.hash (sha256 of its inputs); an image whose label matches is
# reused, so a second run on the same dockerd data root builds nothing.
#   STORAGEKIT_DEBIAN_MIRROR  Debian mirror for debootstrap (default: the first URI in /etc/apt/sources.list*)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
log() { echo "build.sh: $*" >&2; }

label_of() { docker image inspect -f '{{ index .Config.Labels "storagekit.hash" }}' "$1" 2>/dev/null || true; }

mirror=${STORAGEKIT_DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null |
    sed -n -e 's/^URIs: *\([^ ]*\).*/\1/p' -e 's/^deb  *\(\[[^]]*\] *\)\{0,1\}\([^ ]*\) .*/\2/p' |
    grep -v security | head -n 1 || true)
fi
[ -n "$mirror" ] || { log "no Debian mirror found; set STORAGEKIT_DEBIAN_MIRROR"; exit 1; }

# Inputs of the base image: suite and variant (bump "r1" to force a new debootstrap).
base_hash=$(echo "bookworm minbase r1" | sha256sum | cut -c1-16)
if [ "$(label_of storagekit/debian:bookworm)" = "$base_hash" ]; then
  log "storagekit/debian:bookworm is up to date"
else
  command -v debootstrap >/dev/null || { log "debootstrap missing (docker/dockerd.sh start installs it)"; exit 1; }
  root=$(mktemp -d -t storagekit-rootfs.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  log "debootstrap bookworm from $mirror"
  t0=$SECONDS
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 ||
    { tail -n 30 "$root.log" >&2; exit 1; }
  rm -f "$root.log"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | docker import --change "LABEL storagekit.hash=$base_hash" - storagekit/debian:bookworm >/dev/null
  rm -rf "$root"
  trap - EXIT
  log "storagekit/debian:bookworm imported in $((SECONDS - t0)) s"
fi

# docker build of image $1 labelled $2 from context $3; its output only on failure (docker.io has no buildx, so
# the legacy builder's deprecation notice is noise).
build_image() {
  local out rc=0
  out=$(docker build -q --network host --label "storagekit.hash=$2" -t "storagekit/$1" "$3" 2>&1 >/dev/null) || rc=$?
  out=$(grep -v -e '^DEPRECATED: The legacy builder' -e 'buildx' -e '^ *$' <<<"$out" || true)
  if [ -n "$out" ]; then echo "$out" >&2; fi
  return $rc
}

# Files from outside docker/ that an image's build context needs too (the ceph image runs the host's script).
declare -A extra=([ceph]="../scripts/ceph-micro.sh ../scripts/micro-common.sh")

for name in ceph gluster nbdkit; do
  # Inputs: the base image's hash, every file of the image's directory and its extra files.
  # shellcheck disable=SC2086 # (extra lists are space-separated on purpose)
  hash=$( (echo "$base_hash"; (cd "$name" && find . -type f | sort | xargs sha256sum); sha256sum ${extra[$name]:-} /dev/null) |
    sha256sum | cut -c1-16)
  if [ "$(label_of "storagekit/$name")" = "$hash" ]; then
    log "storagekit/$name is up to date"
    continue
  fi
  t0=$SECONDS
  log "building storagekit/$name"
  context=$(mktemp -d -t storagekit-context.XXXXXX)
  cp -r "$name"/. "$context"
  # shellcheck disable=SC2086
  [ -z "${extra[$name]:-}" ] || cp ${extra[$name]} "$context"
  build_image "$name" "$hash" "$context" || { rm -rf "$context"; log "building storagekit/$name failed"; exit 1; }
  rm -rf "$context"
  log "storagekit/$name built in $((SECONDS - t0)) s"
done
docker image prune -f --filter label=storagekit.hash >/dev/null 2>&1 || true
