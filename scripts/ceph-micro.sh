#!/usr/bin/env bash
# ceph-micro.sh - a throw-away single-node Ceph cluster for tests.
#
#   scripts/ceph-micro.sh install            install the Debian packages if missing (idempotent)
#   scripts/ceph-micro.sh start DIR          start mon.a + memstore osd.0 (+ mgr.x); prints the conf path
#   scripts/ceph-micro.sh stop DIR [--purge] stop the daemons by recorded pid (--purge: remove DIR)
#   scripts/ceph-micro.sh status DIR         show daemons and `ceph -s`; exit 0 only if all are up
#
# Everything (ceph.conf, mon/osd/mgr data, logs, pids, admin sockets, run dir) lives in DIR.
# The monitor listens on a free port pair on 127.0.0.1 (v2 on P, v1 on P+1), so several
# clusters can run side by side. Auth is off; clients only need `-c DIR/ceph.conf`.
# The same script runs inside the storagekit/ceph container (docker/ceph), on the container's address.
#
# Measured on the dev VM (2 cores, Ceph 16.2.15): `start` takes ~5.7 s from an empty DIR to
# the probe object written in pool `storagekit` and the mgr available (~5.5 s without mgr);
# `stop` ~0.9 s.
#
# Environment knobs (all optional):
#   STORAGEKIT_CEPH_START_TIMEOUT  seconds to wait for a healthy cluster (default 60)
#   STORAGEKIT_CEPH_MEMSTORE_BYTES size of the RAM-backed OSD device (default 2 GiB)
#   STORAGEKIT_CEPH_NO_MGR=1       do not start ceph-mgr
#   STORAGEKIT_CEPH_ADDR=IP        address the daemons bind to (default 127.0.0.1; a container's own address)
#   STORAGEKIT_CEPH_PORT=P         monitor port pair P (v2), P+1 (v1) instead of a free random pair
#   STORAGEKIT_CEPH_REQUIRE_MGR=1  fail the start when the mgr does not become available (else a warning)
set -euo pipefail

readonly PACKAGES=(ceph-mon ceph-osd ceph-mgr ceph-common librados2 librbd1 librados-dev uuid-runtime)
readonly POOL=storagekit
readonly ADDR=${STORAGEKIT_CEPH_ADDR:-127.0.0.1}

readonly MICRO_NAME=ceph-micro
# shellcheck source=scripts/micro-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/micro-common.sh"

# --- helpers ----------------------------------------------------------------------------

# Is any TCP socket (any state) using local port $1? ss when present, else /proc/net/tcp*.
port_in_use() {
  if command -v ss >/dev/null; then
    [ -n "$(ss -Htan "( sport = :$1 )" 2>/dev/null)" ]
  else
    local hex
    hex=$(printf '%04X' "$1")
    awk -v p="$hex" 'FNR > 1 { split($2, a, ":"); if (a[2] == p) f = 1 } END { exit !f }' \
      /proc/net/tcp /proc/net/tcp6 2>/dev/null
  fi
}

# Two consecutive free ports below the kernel's ephemeral range (32768+) and away from the
# usual Ceph ports (3300, 6789, 6800-7568 for OSDs), so clients cannot grab them by chance.
pick_ports() {
  if [ -n "${STORAGEKIT_CEPH_PORT:-}" ]; then
    echo "$STORAGEKIT_CEPH_PORT"
    return 0
  fi
  local p
  for _ in $(seq 1 100); do
    p=$((20000 + (RANDOM % 5000) * 2))
    if ! port_in_use "$p" && ! port_in_use $((p + 1)); then
      echo "$p"
      return 0
    fi
  done
  return 1
}

# A ceph CLI call that can never hang the script.
cephc() { timeout 20 ceph -c "$CONF" --connect-timeout 15 "$@"; }

# Is the recorded pid still one of *our* daemons (guards against pid reuse)?
our_pid_alive() {
  local pid=$1
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$CONF"
}

# Start a daemon in the foreground (-f) but detached (setsid, own session: a Ctrl-C in the
# caller's terminal does not reach it; `stop` does). Its stdio goes to files so that
# `conf=$(ceph-micro.sh start DIR)` does not wait on the daemon's inherited stdout.
launch() {
  local name=$1
  shift
  setsid "$@" -f </dev/null >>"$DIR/log/$name.out" 2>&1 &
  echo "$name $!" >>"$DIR/pids"
  log "started $name (pid $!)"
}

pid_of() { awk -v n="$1" '$1 == n { p = $2 } END { print p }' "$DIR/pids" 2>/dev/null; }

show_logs() {
  local f
  for f in "$DIR"/log/*; do
    [ -s "$f" ] || continue
    echo "----- tail of $f -----" >&2
    tail -n 25 "$f" >&2
  done
}

# TERM the given pids, wait up to ~5 s, then KILL whatever is left.
term_and_wait() {
  local pid live=()
  for pid in "$@"; do
    if our_pid_alive "$pid"; then
      kill -TERM "$pid" 2>/dev/null || true
      live+=("$pid")
    fi
  done
  for _ in $(seq 1 50); do
    local still=()
    for pid in "${live[@]}"; do
      if our_pid_alive "$pid"; then still+=("$pid"); fi
    done
    live=("${still[@]}")
    [ "${#live[@]}" -eq 0 ] && return 0
    sleep 0.1
  done
  for pid in "${live[@]}"; do
    log "pid $pid ignored TERM, sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  done
}

# OSD and mgr first, the monitor last: an OSD whose monitor is already gone waits
# osd_mon_shutdown_timeout (5 s) trying to mark itself down.
stop_daemons() {
  [ -f "$DIR/pids" ] || return 0
  local name pid others=() mons=()
  while read -r name pid; do
    case $name in
      mon.*) mons+=("$pid") ;;
      *) others+=("$pid") ;;
    esac
  done <"$DIR/pids"
  term_and_wait "${others[@]}"
  term_and_wait "${mons[@]}"
  rm -f "$DIR/pids"
}

fail() {
  log "ERROR: $*"
  show_logs
  stop_daemons
  log "cluster start failed; state left in $DIR"
  exit 1
}

# Remaining seconds until the start deadline.
left() { echo $((DEADLINE - SECONDS)); }

# --- start ------------------------------------------------------------------------------

write_conf() {
  local fsid=$1 port=$2
  cat >"$CONF" <<EOF
# Generated by scripts/ceph-micro.sh: single-node test cluster, do not use for real data.
[global]
fsid = $fsid
mon host = [v2:$ADDR:$port,v1:$ADDR:$((port + 1))]
mon initial members = a
public addr = $ADDR
ms bind ipv6 = false
auth cluster required = none
auth service required = none
auth client required = none
auth supported = none
run dir = $DIR/run
log file = $DIR/log/\$name.log
# tests create and delete many pools: small, non-replicated, no autoscaler
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool delete = true
mon allow pool size one = true
mon warn on pool no redundancy = false
# with auth off this warning is meaningless; tests may expect HEALTH_OK
mon warn on insecure global id reclaim = false
mon warn on insecure global id reclaim allowed = false
mon max pg per osd = 1000
# the mon shuts itself down when its disk is nearly full; a test box may well be
mon data avail warn = 1
mon data avail crit = 0
# rados_exec tests need the object classes (cls_hello, cls_lock, ...)
osd class load list = *
osd class default list = *
# daemons report stats every second so pool/cluster stats show up quickly
mgr stats period = 1

[mon]
mon data = $DIR/\$name
# every pool and snapshot create/remove waits for the next Paxos proposal, 1 s apart by default: the
# conformance suite makes dozens of each per run (about 2.5 min on its own); 50 ms makes that ~15 s
paxos propose interval = 0.05
paxos min wait = 0.01
# port taken by someone else: fail at once (we retry on other ports) instead of 3 x 5 s
ms bind retry count = 1
pid file = $DIR/run/\$name.pid
admin socket = $DIR/run/\$name.asok

[osd]
osd data = $DIR/\$name
osd objectstore = memstore
memstore device bytes = ${STORAGEKIT_CEPH_MEMSTORE_BYTES:-2147483648}
pid file = $DIR/run/\$name.pid
admin socket = $DIR/run/\$name.asok

[mgr]
mgr data = $DIR/\$name
pid file = $DIR/run/\$name.pid
admin socket = $DIR/run/\$name.asok

[client]
keyring = /dev/null
EOF
}

# Start the monitor on a fresh port pair; retry with other ports if another process won the
# race for the port between our probe and the bind.
start_mon() {
  local attempt port fsid pid
  for attempt in 1 2 3 4 5; do
    port=$(pick_ports) || fail "no free port pair found"
    fsid=$(cat /proc/sys/kernel/random/uuid)
    rm -rf "$DIR/mon.a" "$DIR/monmap"
    write_conf "$fsid" "$port"
    monmaptool --create --fsid "$fsid" --addv a "[v2:$ADDR:$port,v1:$ADDR:$((port + 1))]" \
      "$DIR/monmap" >>"$DIR/log/setup.out" 2>&1 || fail "monmaptool failed"
    ceph-mon -c "$CONF" --mkfs -i a --monmap "$DIR/monmap" >>"$DIR/log/setup.out" 2>&1 ||
      fail "ceph-mon --mkfs failed"
    launch mon.a ceph-mon -c "$CONF" -i a
    pid=$(pid_of mon.a)
    # Ready when it answers with *our* fsid (an old monitor could hold a port we probed).
    while [ "$(left)" -gt 0 ] && our_pid_alive "$pid"; do
      if [ "$(timeout 5 ceph -c "$CONF" --connect-timeout 4 fsid 2>/dev/null)" = "$fsid" ]; then
        log "mon.a up on $ADDR:$port (v2) / $((port + 1)) (v1)"
        return 0
      fi
      sleep 0.2
    done
    [ "$(left)" -gt 0 ] || fail "timeout waiting for mon.a"
    log "mon.a exited on port $port (attempt $attempt), retrying with other ports"
    tail -n 5 "$DIR/log/mon.a.out" "$DIR/log/mon.a.log" >&2 2>/dev/null || true
    sed -i '/^mon\.a /d' "$DIR/pids"
  done
  fail "mon.a did not start"
}

start_osd() {
  local uuid id
  uuid=$(cat /proc/sys/kernel/random/uuid)
  id=$(cephc osd new "$uuid" 2>>"$DIR/log/setup.out") || fail "ceph osd new failed"
  [ "$id" = 0 ] || fail "expected osd id 0, got '$id'"
  mkdir -p "$DIR/osd.0"
  ceph-osd -c "$CONF" -i 0 --mkfs --osd-uuid "$uuid" >>"$DIR/log/setup.out" 2>&1 ||
    fail "ceph-osd --mkfs failed"
  launch osd.0 ceph-osd -c "$CONF" -i 0
}

start_mgr() {
  if [ "${STORAGEKIT_CEPH_NO_MGR:-0}" = 1 ] || ! command -v ceph-mgr >/dev/null; then
    log "not starting ceph-mgr"
    return 0
  fi
  # devicehealth would create a pool `device_health_metrics` on its own, which makes pool
  # listings non-deterministic for tests; switch it off before the mgr starts.
  # (--force: the mon does not know module options before a mgr has registered them)
  cephc config set mgr mgr/devicehealth/enable_monitoring false --force >>"$DIR/log/setup.out" 2>&1 ||
    log "warning: could not disable mgr/devicehealth"
  mkdir -p "$DIR/mgr.x"
  launch mgr.x ceph-mgr -c "$CONF" -i x
}

wait_osd_up() {
  local stat=""
  while [ "$(left)" -gt 0 ]; do
    our_pid_alive "$(pid_of osd.0)" || fail "osd.0 died"
    stat=$(cephc osd stat -f json 2>/dev/null | tr -d '\n' || true)
    if grep -q '"num_up_osds":1' <<<"$stat" && grep -q '"num_in_osds":1' <<<"$stat"; then
      log "osd.0 up and in"
      return 0
    fi
    sleep 0.3
  done
  fail "timeout waiting for osd.0 to be up and in (last: $stat)"
}

create_pool() {
  cephc osd pool create "$POOL" 8 >>"$DIR/log/setup.out" 2>&1 || fail "pool create failed"
  # Both applications: RADOS cases use it directly, RBD cases through librbd (whose rbd_pool_init
  # is EPERM without force while the pool is tagged for another application only).
  cephc osd pool application enable "$POOL" rados >>"$DIR/log/setup.out" 2>&1 ||
    fail "pool application enable failed"
  cephc osd pool application enable "$POOL" rbd --yes-i-really-mean-it >>"$DIR/log/setup.out" 2>&1 ||
    fail "pool application enable (rbd) failed"
  # The pool is usable once its PGs have peered: probe with a real write/stat/remove.
  local probe="$DIR/run/probe"
  echo "storagekit probe" >"$probe"
  while [ "$(left)" -gt 0 ]; do
    if timeout 20 rados -c "$CONF" -p "$POOL" put ceph-micro-probe "$probe" 2>/dev/null &&
      timeout 20 rados -c "$CONF" -p "$POOL" stat ceph-micro-probe >/dev/null 2>&1 &&
      timeout 20 rados -c "$CONF" -p "$POOL" rm ceph-micro-probe 2>/dev/null; then
      rm -f "$probe"
      log "pool $POOL ready"
      return 0
    fi
    our_pid_alive "$(pid_of osd.0)" || fail "osd.0 died"
    sleep 0.3
  done
  fail "timeout waiting for pool $POOL to accept I/O"
}

# The mgr is nice to have (pool stats, `ceph df`); a slow or broken mgr only gives a warning.
wait_mgr() {
  [ -n "$(pid_of mgr.x)" ] || return 0
  while [ "$(left)" -gt 0 ]; do
    if cephc mgr stat 2>/dev/null | grep -q '"available": *true'; then
      log "mgr.x available"
      return 0
    fi
    our_pid_alive "$(pid_of mgr.x)" || break
    sleep 0.3
  done
  if [ "${STORAGEKIT_CEPH_REQUIRE_MGR:-0}" = 1 ]; then fail "ceph-mgr did not become available"; fi
  log "warning: ceph-mgr not available (pool statistics will be missing); see $DIR/log/mgr.x.*"
}

cmd_start() {
  if [ -f "$DIR/pids" ]; then
    local name pid
    while read -r name pid; do
      if our_pid_alive "$pid"; then die "$name (pid $pid) is already running in $DIR; stop it first"; fi
    done <"$DIR/pids"
  fi
  install_packages
  local t0=$SECONDS
  DEADLINE=$((SECONDS + ${STORAGEKIT_CEPH_START_TIMEOUT:-60}))
  # Only remove what an earlier run of this script created (DIR itself may be the caller's).
  rm -rf "$DIR/ceph.conf" "$DIR/monmap" "$DIR/mon.a" "$DIR/osd.0" "$DIR/mgr.x" "$DIR/run" \
    "$DIR/log" "$DIR/pids"
  mkdir -p "$DIR/run" "$DIR/log"
  trap 'fail "interrupted"' INT TERM
  start_mon
  start_osd
  start_mgr
  wait_osd_up
  create_pool
  wait_mgr
  trap - INT TERM
  log "cluster ready in $((SECONDS - t0)) s"
  echo "$CONF"
}

# --- stop / status ----------------------------------------------------------------------

cmd_stop() {
  stop_daemons
  if [ "${1:-}" = --purge ]; then
    # Remove only what `start` creates, then DIR itself if that left it empty.
    rm -rf "$DIR/ceph.conf" "$DIR/monmap" "$DIR/mon.a" "$DIR/osd.0" "$DIR/mgr.x" "$DIR/run" \
      "$DIR/log"
    rmdir "$DIR" 2>/dev/null || log "note: $DIR holds other files, left in place"
    log "stopped and removed $DIR"
  else
    log "stopped (state kept in $DIR)"
  fi
}

cmd_status() {
  [ -f "$DIR/pids" ] || { echo "no cluster running in $DIR"; return 1; }
  local name pid rc=0
  while read -r name pid; do
    if our_pid_alive "$pid"; then
      echo "$name pid $pid running"
    else
      echo "$name pid $pid NOT running"
      rc=1
    fi
  done <"$DIR/pids"
  echo "conf: $CONF"
  # (no monitor, no answer: skip the 15 s connect timeout)
  if our_pid_alive "$(pid_of mon.a)"; then cephc -s || rc=1; fi
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
CONF=$DIR/ceph.conf
shift 2
case $cmd in
  start) cmd_start ;;
  stop) cmd_stop "$@" ;;
  status) cmd_status ;;
esac
