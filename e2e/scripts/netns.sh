#!/usr/bin/env bash
# Runs a command (the e2e suite) in a private network namespace whose only interface is loopback.
# Kamailio, SIPp and the test processes only ever use 127.0.0.1 anyway; WebRTC is the reason:
# Chromium gathers ICE candidates on every interface it sees, and would otherwise send RTP and
# STUN checks to the machine's own non-loopback addresses. Inside the namespace there are none.
#
# As root, `unshare --net`; as anyone else, with a user namespace (`--map-root-user`), where the
# kernel allows it. Where neither works the command runs as it is, and the WebRTC scenarios
# refuse to start (harness/network.ts checks the interfaces) rather than leave loopback.
set -euo pipefail

if [[ "${SIPKIT_E2E_NETNS:-}" == 1 ]]; then exec "$@"; fi

flags=(--net)
[[ $(id -u) -eq 0 ]] || flags+=(--map-root-user)
if command -v unshare >/dev/null && command -v ip >/dev/null &&
  unshare "${flags[@]}" ip link set lo up 2>/dev/null; then
  export SIPKIT_E2E_NETNS=1
  exec unshare "${flags[@]}" bash -c 'ip link set lo up && exec "$@"' e2e-netns "$@"
fi

echo "e2e: no private network namespace (needs unshare and ip); WebRTC scenarios will refuse to run" >&2
exec "$@"
