# Shared by the micro-cluster scripts (ceph-micro.sh, gluster-micro.sh): logging, usage from the caller's header
# comment, and installing the caller's Debian PACKAGES. Source it after setting MICRO_NAME and PACKAGES.
# shellcheck shell=bash

log() { echo "$MICRO_NAME: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Installs PACKAGES unless all are there already (apt-get update once, then install; sudo when not root).
install_packages() {
  if dpkg -s "${PACKAGES[@]}" >/dev/null 2>&1; then
    return 0
  fi
  log "installing ${PACKAGES[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "not root and no sudo: cannot install ${PACKAGES[*]}"
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
    "${PACKAGES[@]}" >&2
}
