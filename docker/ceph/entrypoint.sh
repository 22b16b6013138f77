#!/bin/bash
# Starts scripts/ceph-micro.sh on this container's bridge address (mon on 3300/3301), waits until the pool takes
# I/O and the mgr is available, then writes /export/ceph.conf (for the host) and /export/ready. The daemons' logs
# go to stdout (docker logs); the container ends when a daemon exits.
set -euo pipefail
D=/var/lib/storagekit
IP=$(awk -v h="$(cat /etc/hostname)" '$2 == h { print $1; exit }' /etc/hosts)
[ -n "$IP" ] || { echo "no address for $(cat /etc/hostname) in /etc/hosts" >&2; exit 1; }
mkdir -p /export
rm -f /export/ready
# The mgr must be up: pool and cluster statistics come from it, and the cases compare them.
CONF=$(STORAGEKIT_CEPH_ADDR=$IP STORAGEKIT_CEPH_PORT=3300 STORAGEKIT_CEPH_REQUIRE_MGR=1 \
  STORAGEKIT_CEPH_START_TIMEOUT=${STORAGEKIT_CEPH_START_TIMEOUT:-120} \
  bash /usr/local/lib/storagekit/ceph-micro.sh start "$D")
# The host's copy: the [global] section without this container's paths, and no keyring.
sed -n -e '/^\[mon\]/q' -e '/^run dir\|^log file/d' -e p "$CONF" >/export/ceph.conf
printf '[client]\nkeyring = /dev/null\n' >>/export/ceph.conf
chmod -R a+r /export
touch /export/ready
echo "storagekit-ceph: ready on $IP"
tail -n +1 -F "$D"/log/*.log &
# Any daemon exiting ends the container (the fixture then reports its logs).
while read -r _ pid; do pids+=("$pid"); done <"$D/pids"
while kill -0 "${pids[@]}" 2>/dev/null; do sleep 1; done
echo "storagekit-ceph: a daemon exited" >&2
bash /usr/local/lib/storagekit/ceph-micro.sh status "$D" >&2 || true
exit 1
