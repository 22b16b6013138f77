#!/bin/bash
# Starts glusterd, creates and starts volume vol1 with one brick on this container's bridge address, then
# writes /export/ready (when a bind mount is given) and follows glusterd.
set -euo pipefail
IP=$(awk -v h="$(cat /etc/hostname)" '$2 == h { print $1; exit }' /etc/hosts)
VOLUME=${STORAGEKIT_GLUSTER_VOLUME:-vol1}
mkdir -p /bricks /export
rm -f /export/ready
glusterd -N --log-file=- &
g() { timeout 30 gluster --mode=script "$@"; }
until g volume list >/dev/null 2>&1; do sleep 0.2; done
g volume create "$VOLUME" "$IP:/bricks/$VOLUME" force
g volume start "$VOLUME"
until g volume status "$VOLUME" detail 2>/dev/null | grep -q 'Online *: Y'; do sleep 0.2; done
echo "$IP" >/export/ready
echo "storagekit-gluster: volume $VOLUME ready on $IP"
wait -n
echo "storagekit-gluster: glusterd exited" >&2
exit 1
