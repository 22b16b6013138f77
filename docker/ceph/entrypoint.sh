#!/bin/bash
# Starts the micro Ceph on this container's bridge address and writes /export/ceph.conf (for the host) and
# /export/ready once pool `storagekit` accepts I/O. Logs go to stdout (docker logs).
set -euo pipefail
D=/var/lib/storagekit
IP=$(awk -v h="$(cat /etc/hostname)" '$2 == h { print $1; exit }' /etc/hosts)
[ -n "$IP" ] || { echo "no address for $(cat /etc/hostname) in /etc/hosts" >&2; exit 1; }
FSID=$(cat /proc/sys/kernel/random/uuid)
mkdir -p "$D/run" /export
rm -f /export/ready
CONF=$D/ceph.conf
cat >"$CONF" <<CONF
[global]
fsid = $FSID
mon host = [v2:$IP:3300,v1:$IP:6789]
mon initial members = a
public addr = $IP
ms bind ipv6 = false
auth cluster required = none
auth service required = none
auth client required = none
auth supported = none
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool delete = true
mon allow pool size one = true
mon warn on pool no redundancy = false
mon warn on insecure global id reclaim = false
mon warn on insecure global id reclaim allowed = false
mon max pg per osd = 1000
mon data avail warn = 1
mon data avail crit = 0
osd class load list = *
osd class default list = *
mgr stats period = 1
[mon]
mon data = $D/\$name
paxos propose interval = 0.05
paxos min wait = 0.01
[osd]
osd data = $D/\$name
osd objectstore = memstore
memstore device bytes = ${STORAGEKIT_CEPH_MEMSTORE_BYTES:-2147483648}
[mgr]
mgr data = $D/\$name
[client]
keyring = /dev/null
CONF
c() { timeout 20 ceph -c "$CONF" --connect-timeout 15 "$@"; }
monmaptool --create --fsid "$FSID" --addv a "[v2:$IP:3300,v1:$IP:6789]" "$D/monmap"
ceph-mon -c "$CONF" --mkfs -i a --monmap "$D/monmap"
ceph-mon -c "$CONF" -i a -d &
until c fsid >/dev/null 2>&1; do sleep 0.2; done
UUID=$(cat /proc/sys/kernel/random/uuid)
c osd new "$UUID"
mkdir -p "$D/osd.0" "$D/mgr.x"
ceph-osd -c "$CONF" -i 0 --mkfs --osd-uuid "$UUID"
ceph-osd -c "$CONF" -i 0 -d &
c config set mgr mgr/devicehealth/enable_monitoring false --force || true
ceph-mgr -c "$CONF" -i x -d &
until c osd stat -f json 2>/dev/null | grep -q '"num_up_osds":1'; do sleep 0.3; done
c osd pool create storagekit 8
c osd pool application enable storagekit rados
c osd pool application enable storagekit rbd --yes-i-really-mean-it
echo probe >"$D/probe"
until timeout 20 rados -c "$CONF" -p storagekit put probe "$D/probe" 2>/dev/null; do sleep 0.3; done
rados -c "$CONF" -p storagekit rm probe
# The host's copy: same cluster, no local paths.
sed -n '/^\[mon\]/q;p' "$CONF" >/export/ceph.conf
printf '[client]\nkeyring = /dev/null\n' >>/export/ceph.conf
chmod -R a+r /export
touch /export/ready
echo "storagekit-ceph: ready on $IP"
# Any daemon exiting ends the container (the fixture then reports its logs).
wait -n
echo "storagekit-ceph: a daemon exited" >&2
exit 1
