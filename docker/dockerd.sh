#!/usr/bin/env bash
# dockerd.sh - a private Docker daemon for the StorageKit test images (no registry, no iptables).
#
#   docker/dockerd.sh install     install docker.io + debootstrap if missing
#   docker/dockerd.sh start DIR   install docker.io + debootstrap if missing, start dockerd with all state in DIR;
#                                 prints the socket path (export DOCKER_HOST=unix://<it>)
#   docker/dockerd.sh stop DIR    stop that dockerd (by its recorded pid) and its containerd
#
# Flags that work on a VM without nested overlayfs and without iptables: vfs storage, no NAT, and no default
# bridge (docker0): containers run on networks the fixture creates, the host reaches them directly through their
# bridge addresses, and a second private daemon on the same host (a CI run next to a developer's) starts too.
set -euo pipefail

die() { echo "dockerd.sh: ERROR: $*" >&2; exit 1; }
log() { echo "dockerd.sh: $*" >&2; }

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  log "installing ${missing[*]}"
  { "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}"; } >&2
}

cmd=${1:-}
if [ "$cmd" = install ]; then
  install_packages
  exit 0
fi
[ $# -ge 2 ] || die "usage: $0 install | start DIR | stop DIR"
mkdir -p "$2"
DIR=$(cd "$2" && pwd)
SOCK=$DIR/docker.sock

case $cmd in
  start)
    install_packages
    if [ -f "$DIR/dockerd.pid" ] && kill -0 "$(cat "$DIR/dockerd.pid")" 2>/dev/null &&
      DOCKER_HOST=unix://$SOCK timeout 10 docker version >/dev/null 2>&1; then
      log "dockerd already running in $DIR"
      echo "$SOCK"
      exit 0
    fi
    mkdir -p "$DIR/data" "$DIR/exec"
    # setsid: a Ctrl-C in the caller's terminal does not reach it; `stop` does.
    setsid dockerd --storage-driver=vfs --iptables=false --ip-masq=false --bridge=none \
      --host "unix://$SOCK" --data-root "$DIR/data" --exec-root "$DIR/exec" \
      --pidfile "$DIR/dockerd.pid" </dev/null >>"$DIR/dockerd.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 150); do
      if DOCKER_HOST=unix://$SOCK timeout 5 docker version >/dev/null 2>&1; then
        log "dockerd up (pid $pid), socket $SOCK"
        echo "$SOCK"
        exit 0
      fi
      kill -0 "$pid" 2>/dev/null || { tail -n 30 "$DIR/dockerd.log" >&2; die "dockerd exited"; }
      sleep 0.2
    done
    tail -n 30 "$DIR/dockerd.log" >&2
    die "dockerd did not answer within 30 s"
    ;;
  stop)
    [ -f "$DIR/dockerd.pid" ] || { log "no dockerd recorded in $DIR"; exit 0; }
    pid=$(cat "$DIR/dockerd.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      if kill -0 "$pid" 2>/dev/null; then log "dockerd ignored TERM, sending KILL"; kill -KILL "$pid" || true; fi
    fi
    rm -f "$DIR/dockerd.pid"
    # dockerd leaves its default network namespace (exec/netns/default) mounted: unmount what is left under DIR,
    # deepest first, so that DIR can be removed.
    awk -v d="$DIR/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
      umount -l "$m" 2>/dev/null || log "warning: could not unmount $m"
    done
    log "dockerd stopped"
    ;;
  *) die "usage: $0 install | start DIR | stop DIR" ;;
esac
