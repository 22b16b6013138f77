#!/usr/bin/env bash
# gluster-micro.sh - a throw-away single-brick GlusterFS volume for tests.
#
#   scripts/gluster-micro.sh install            install the Debian packages if missing (idempotent)
#   scripts/gluster-micro.sh start DIR          start glusterd + volume vol1 in a netns; prints the env file path
#   scripts/gluster-micro.sh stop DIR [--purge] kill the run's gluster processes, delete netns/veth (--purge: remove DIR)
#   scripts/gluster-micro.sh status DIR         show processes and `gluster volume status`; exit 0 only if usable
#
# glusterd refuses bricks on 127.0.0.1, so every run gets its own network namespace joined to
# the host by a veth pair on a /30 of its own (host 10.77.N.1, glusterd 10.77.N.2). Names and
# subnet come from a per-run suffix, so several volumes can run side by side. Clients connect
# from the host namespace to $STORAGEKIT_GLUSTER_HOST:24007 (see DIR/gluster.env).
#
# glusterd's working directory (glusterd.info, vols/), run directory (pid files, brick sockets),
# CLI socket and glusterd/cli logs all live in DIR (own glusterd.vol). Not movable (hard-coded in
# glusterd 10.3): the brick's unix socket /var/run/gluster/<hash of brick path>.socket (removed by
# stop) and its log /var/log/glusterfs/bricks/<brick path>.log (removed by stop --purge); shared
# files glusterd only creates or appends to: /var/log/glusterfs/cmd_history.log, empty dirs
# /var/log/glusterfs/{gfproxy,snaps}/vol1, /var/lib/glusterd/{geo-replication,ss_brick}.
# No volume state goes to /var/lib/glusterd. Needs root (netns, veth).
#
# Measured on the dev VM (2 cores, GlusterFS 10.3): `start` takes ~2 s (1.7-3.6 s) from an empty DIR
# to a usable volume; `stop` ~0.1 s plus up to ~2 s until init has reaped the killed daemons.
# The brick port is random (49152-60999): read STORAGEKIT_GLUSTER_BRICK_PORT, never assume it.
#
# Environment knobs (all optional):
#   STORAGEKIT_GLUSTER_START_TIMEOUT  seconds to wait for a usable volume (default 60)
set -euo pipefail

readonly PACKAGES=(glusterfs-server glusterfs-client libgfapi0)
readonly VOLUME=vol1
readonly MGMT_PORT=24007

readonly MICRO_NAME=gluster-micro
# shellcheck source=scripts/micro-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/micro-common.sh"

# --- state ------------------------------------------------------------------------------
# DIR/state holds NETNS, VETH_HOST, VETH_NS, HOST_ADDR, NS_ADDR of the run, and BRICK_SOCKET,
# BRICK_LOG: the two files glusterd puts outside DIR for our brick (sourced by stop/status).

load_state() {
  NETNS="" VETH_HOST="" VETH_NS="" HOST_ADDR="" NS_ADDR="" BRICK_SOCKET="" BRICK_LOG=""
  # shellcheck disable=SC1091
  if [ -f "$DIR/state" ]; then . "$DIR/state"; fi
}

# The gluster CLI, talking to *this* run's glusterd over its own unix socket; never hangs.
glc() {
  timeout 30 ip netns exec "$NETNS" gluster --mode=script \
    --glusterd-sock="$DIR/run/glusterd.socket" --log-file="$DIR/log/cli.log" "$@"
}

# Pids of every process in the run's namespace (glusterd, glusterfsd, helpers).
ns_pids() { if [ -n "$NETNS" ]; then ip netns pids "$NETNS" 2>/dev/null || true; fi; }

show_logs() {
  local f
  for f in "$DIR"/log/*; do
    [ -s "$f" ] || continue
    echo "----- tail of $f -----" >&2
    tail -n 25 "$f" >&2
  done
}

# TERM everything in the namespace, wait up to ~5 s, then KILL what is left. Then give init up to
# ~2 s to reap them (glusterd and the brick are orphans; until reaped they show as <defunct>).
kill_ns_processes() {
  local pids all pid
  all=$(ns_pids)
  [ -n "$all" ] || return 0
  # shellcheck disable=SC2086
  kill -TERM $all 2>/dev/null || true
  for _ in $(seq 1 50); do
    [ -n "$(ns_pids)" ] || break
    sleep 0.1
  done
  pids=$(ns_pids)
  if [ -n "$pids" ]; then
    log "pids $pids ignored TERM, sending KILL"
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
  fi
  for _ in $(seq 1 20); do
    pids=""
    for pid in $all; do
      if [ -e "/proc/$pid" ]; then pids+=" $pid"; fi
    done
    [ -n "$pids" ] || return 0
    sleep 0.1
  done
  log "note: pids$pids not reaped yet (zombies, harmless)"
}

teardown() {
  load_state
  if [ -n "$NETNS" ] && ip netns list | grep -qw -- "$NETNS"; then
    kill_ns_processes
    ip netns delete "$NETNS" || log "warning: could not delete netns $NETNS"
  fi
  # Deleting the namespace destroys its veth end and with it the peer; this is for half-made runs.
  if [ -n "$VETH_HOST" ] && ip link show "$VETH_HOST" >/dev/null 2>&1; then
    # (the kernel may still be removing it after the namespace went: gone by now is success too)
    ip link delete "$VETH_HOST" 2>/dev/null || ! ip link show "$VETH_HOST" >/dev/null 2>&1 ||
      log "warning: could not delete $VETH_HOST"
  fi
  # Unique per brick path (hence per DIR); the brick does not remove its socket on TERM.
  if [ -n "$BRICK_SOCKET" ]; then rm -f "$BRICK_SOCKET"; fi
  rm -f "$DIR/gluster.env"
}

fail() {
  log "ERROR: $*"
  show_logs
  teardown
  log "volume start failed; logs left in $DIR/log"
  exit 1
}

left() { echo $((DEADLINE - SECONDS)); }

# --- start ------------------------------------------------------------------------------

# A suffix (5 hex digits) and a /30 in 10.77.0.0/16 that no interface on the host uses yet.
pick_names() {
  local n sfx
  for _ in $(seq 1 50); do
    sfx=$(printf '%05x' $(((RANDOM << 8 ^ $$ ^ RANDOM) & 0xfffff)))
    n=$((RANDOM % 16384)) # /30 number: 10.77.(n/64).(n%64*4)
    HOST_ADDR=10.77.$((n / 64)).$((n % 64 * 4 + 1))
    NS_ADDR=10.77.$((n / 64)).$((n % 64 * 4 + 2))
    NETNS=skgl-$sfx
    VETH_HOST=skgl${sfx}h # <= 15 chars
    VETH_NS=skgl${sfx}n
    # Taken if the names exist or any route other than the default covers the /30.
    if ip netns list | grep -qw -- "$NETNS" || ip link show "$VETH_HOST" >/dev/null 2>&1 ||
      ip -4 route show to match "$NS_ADDR" | grep -qv '^default'; then
      continue
    fi
    return 0
  done
  return 1
}

make_netns() {
  pick_names || fail "no free netns name / subnet found"
  cat >"$DIR/state" <<EOF
NETNS=$NETNS
VETH_HOST=$VETH_HOST
VETH_NS=$VETH_NS
HOST_ADDR=$HOST_ADDR
NS_ADDR=$NS_ADDR
EOF
  {
    ip netns add "$NETNS" &&
      ip link add "$VETH_HOST" type veth peer name "$VETH_NS" &&
      ip link set "$VETH_NS" netns "$NETNS" &&
      ip addr add "$HOST_ADDR/30" dev "$VETH_HOST" &&
      ip link set "$VETH_HOST" up &&
      ip netns exec "$NETNS" ip addr add "$NS_ADDR/30" dev "$VETH_NS" &&
      ip netns exec "$NETNS" ip link set "$VETH_NS" up &&
      ip netns exec "$NETNS" ip link set lo up
  } >>"$DIR/log/setup.out" 2>&1 || fail "could not set up netns $NETNS (need root / CAP_NET_ADMIN)"
  log "netns $NETNS: host $VETH_HOST $HOST_ADDR <-> $VETH_NS $NS_ADDR"
}

write_volfile() {
  cat >"$DIR/glusterd.vol" <<EOF
# Generated by scripts/gluster-micro.sh: single-brick test volume, do not use for real data.
volume management
    type mgmt/glusterd
    option working-directory $DIR/glusterd
    option run-directory $DIR/run
    option glusterd-sockfile $DIR/run/glusterd.socket
    option transport-type socket
    option transport.socket.listen-port $MGMT_PORT
    option transport.address-family inet
    option transport.socket.keepalive-time 10
    option transport.socket.keepalive-interval 2
    option transport.socket.read-fail-log off
    option ping-timeout 0
    option event-threads 1
    option base-port 49152
    option max-port 60999
end-volume
EOF
}

start_glusterd() {
  write_volfile
  # -N: foreground, so the process stays ours; setsid + files: detached from the caller's
  # terminal and stdout. The namespace is what ties every process to this run (see ns_pids).
  setsid ip netns exec "$NETNS" glusterd -N -f "$DIR/glusterd.vol" -l "$DIR/log/glusterd.log" \
    -p "$DIR/run/glusterd.pid" </dev/null >>"$DIR/log/glusterd.out" 2>&1 &
  log "started glusterd (pid $!) in $NETNS"
  while [ "$(left)" -gt 0 ]; do
    if glc volume list >/dev/null 2>&1; then
      log "glusterd answers"
      return 0
    fi
    [ -n "$(ns_pids)" ] || fail "glusterd exited"
    sleep 0.2
  done
  fail "timeout waiting for glusterd"
}

create_volume() {
  mkdir -p "$DIR/brick"
  glc volume create "$VOLUME" "$NS_ADDR:$DIR/brick" force >>"$DIR/log/setup.out" 2>&1 ||
    fail "volume create failed"
  glc volume start "$VOLUME" >>"$DIR/log/setup.out" 2>&1 || fail "volume start failed"
}

# Port of the (only) brick from `volume status --xml`, if it is online.
brick_port() {
  local xml
  xml=$(glc volume status "$VOLUME" --xml 2>/dev/null) || return 1
  grep -q '<status>1</status>' <<<"$xml" || return 1
  sed -n 's:.*<port>\([0-9][0-9]*\)</port>.*:\1:p' <<<"$xml" | head -n1
}

# Usable = volume Started, brick online with a port, and both glusterd and the brick reachable
# over TCP from the host namespace (where the clients run).
wait_usable() {
  local port=""
  while [ "$(left)" -gt 0 ]; do
    if glc volume info "$VOLUME" 2>/dev/null | grep -q '^Status: Started' &&
      port=$(brick_port) && [ -n "$port" ] && [ "$port" != 0 ] &&
      timeout 2 bash -c "</dev/tcp/$NS_ADDR/$MGMT_PORT" 2>/dev/null &&
      timeout 2 bash -c "</dev/tcp/$NS_ADDR/$port" 2>/dev/null; then
      BRICK_PORT=$port
      record_brick_files
      log "volume $VOLUME started, brick on $NS_ADDR:$port"
      return 0
    fi
    [ -n "$(ns_pids)" ] || fail "glusterd exited"
    sleep 0.2
  done
  fail "timeout waiting for volume $VOLUME to be usable"
}

# The brick's unix socket (-S, in /var/run/gluster) and log (-l, in /var/log/glusterfs/bricks)
# are chosen by glusterd outside DIR; note them so that stop can clean up.
record_brick_files() {
  local pid args
  for pid in $(ns_pids); do
    mapfile -d '' -t args <"/proc/$pid/cmdline" 2>/dev/null || continue
    case ${args[0]##*/} in glusterfsd) ;; *) continue ;; esac
    local i
    for ((i = 1; i < ${#args[@]}; i++)); do
      case ${args[i - 1]} in
        -S) echo "BRICK_SOCKET=${args[i]}" >>"$DIR/state" ;;
        -l) echo "BRICK_LOG=${args[i]}" >>"$DIR/state" ;;
      esac
    done
  done
}

write_env() {
  cat >"$DIR/gluster.env" <<EOF
# Generated by scripts/gluster-micro.sh; source it or read KEY=VALUE lines.
STORAGEKIT_GLUSTER_HOST=$NS_ADDR
STORAGEKIT_GLUSTER_PORT=$MGMT_PORT
STORAGEKIT_GLUSTER_VOLUME=$VOLUME
STORAGEKIT_GLUSTER_NETNS=$NETNS
STORAGEKIT_GLUSTER_BRICK_PORT=$BRICK_PORT
EOF
}

cmd_start() {
  load_state
  if [ -n "$NETNS" ] && ip netns list | grep -qw -- "$NETNS"; then
    die "netns $NETNS of an earlier start still exists in $DIR; stop it first"
  fi
  [ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces, veth)"
  install_packages
  local t0=$SECONDS
  DEADLINE=$((SECONDS + ${STORAGEKIT_GLUSTER_START_TIMEOUT:-60}))
  # Only remove what an earlier run of this script created (DIR itself may be the caller's).
  rm -rf "$DIR/glusterd" "$DIR/glusterd.vol" "$DIR/brick" "$DIR/run" "$DIR/log" "$DIR/state" \
    "$DIR/gluster.env"
  if [ -n "$BRICK_LOG" ]; then rm -f "$BRICK_LOG"; fi
  mkdir -p "$DIR/glusterd" "$DIR/run" "$DIR/log"
  trap 'fail "interrupted"' INT TERM
  make_netns
  start_glusterd
  create_volume
  wait_usable
  write_env
  trap - INT TERM
  log "volume ready in $((SECONDS - t0)) s"
  echo "$DIR/gluster.env"
}

# --- stop / status ----------------------------------------------------------------------

cmd_stop() {
  teardown
  if [ "${1:-}" = --purge ]; then
    if [ -n "$BRICK_LOG" ]; then rm -f "$BRICK_LOG"; fi
    # Remove only what `start` creates, then DIR itself if that left it empty.
    rm -rf "$DIR/glusterd" "$DIR/glusterd.vol" "$DIR/brick" "$DIR/run" "$DIR/log" "$DIR/state"
    rmdir "$DIR" 2>/dev/null || log "note: $DIR holds other files, left in place"
    log "stopped and removed $DIR"
  else
    log "stopped (logs, brick and state kept in $DIR)"
  fi
}

cmd_status() {
  load_state
  [ -n "$NETNS" ] || { echo "no volume running in $DIR"; return 1; }
  ip netns list | grep -qw -- "$NETNS" || { echo "netns $NETNS is gone"; return 1; }
  local pid rc=0
  for pid in $(ns_pids); do
    echo "pid $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-120)"
  done
  [ -f "$DIR/gluster.env" ] && cat "$DIR/gluster.env"
  glc volume status "$VOLUME" || rc=1
  local port
  port=$(brick_port) || rc=1
  if [ "$rc" = 0 ] && timeout 2 bash -c "</dev/tcp/$NS_ADDR/$MGMT_PORT" 2>/dev/null &&
    timeout 2 bash -c "</dev/tcp/$NS_ADDR/$port" 2>/dev/null; then
    echo "reachable from the host: $NS_ADDR:$MGMT_PORT (glusterd), $NS_ADDR:$port (brick)"
  else
    rc=1
  fi
  return $rc
}

# --- main -------------------------------------------------------------------------------

cmd=${1:-}
case $cmd in
  install)
    install_packages
    exit 0
    ;;
  start | stop | status) [ $# -ge 2 ] || usage ;;
  *) usage ;;
esac
if [ "$cmd" = start ]; then mkdir -p "$2"; fi
[ -d "$2" ] || die "no such directory: $2"
DIR=$(cd "$2" && pwd)
shift 2
case $cmd in
  start) cmd_start ;;
  stop) cmd_stop "$@" ;;
  status) cmd_status ;;
esac
