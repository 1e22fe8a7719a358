#!/usr/bin/env bash
# netns.sh up|down NAME — the network namespace the MUG e2e tests run in.
#
# Chromium's WebRTC (and webrtc-java) gathers no ICE candidate without a default route and
# ignores loopback, yet the tests must never send a packet off this machine. So: a fresh
# namespace with loopback up and a veth pair whose both ends stay inside it: e2e0 holds a
# private test address and the default route points to a gateway that does not exist on it.
# No other interface is in the namespace and forwarding is off, so nothing can leave it
# (STUN look-ups included: the gateway never answers ARP), and the namespace's resolv.conf
# points at its own loopback so name look-ups fail at once. (A dummy interface would do
# too, but containers often lack the dummy module.)
set -euo pipefail
action=${1:?usage: netns.sh up|down NAME}
ns=${2:?usage: netns.sh up|down NAME}
address=${ROLLSCOPE_E2E_ADDRESS:-10.213.77.1}

case "$action" in
  up)
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=0 net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$ns" link add e2e0 type veth peer name e2e1
    ip -n "$ns" addr add "$address/24" dev e2e0
    ip -n "$ns" link set e2e1 up
    ip -n "$ns" link set e2e0 up
    ip -n "$ns" route add default via "${address%.*}.254" dev e2e0 onlink
    mkdir -p "/etc/netns/$ns"
    echo "nameserver 127.0.0.1" > "/etc/netns/$ns/resolv.conf"
    ;;
  down)
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns delete "$ns" 2>/dev/null || true
    rm -rf "/etc/netns/$ns"
    ;;
  *) echo "usage: netns.sh up|down NAME" >&2; exit 2 ;;
esac
