#!/usr/bin/env bash
# Makes sure the e2e suite's peers are installed: Kamailio with its WebSocket modules, SIPp and
# Chromium, all from Debian's packages, and iproute2 for the suite's private network namespace
# (scripts/netns.sh: `ip link set lo up`; `unshare` is util-linux, always there), nftables for the
# media cut of call-recovery.test.ts (`nft`, inside that namespace only). Fast when everything
# is there (one dpkg-query); as root it installs what is missing with apt-get; otherwise it says
# what to install and fails.
set -euo pipefail

packages=(kamailio kamailio-websocket-modules sip-tester chromium iproute2 nftables)

installed() {
  local package=$1
  if command -v dpkg-query >/dev/null 2>&1; then
    [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" == "install ok installed" ]]
  else
    # Not Debian: judge by the programs the suite runs.
    case $package in
      kamailio) command -v kamailio >/dev/null && command -v kamcmd >/dev/null ;;
      kamailio-websocket-modules) command -v kamailio >/dev/null ;;
      sip-tester) command -v sipp >/dev/null ;;
      chromium) [[ -x /usr/bin/chromium ]] ;;
      iproute2) command -v ip >/dev/null ;;
      nftables) command -v nft >/dev/null ;;
    esac
  fi
}

missing_packages() {
  local package
  for package in "${packages[@]}"; do
    installed "$package" || echo "$package"
  done
}

versions() {
  echo "e2e deps: $(kamailio -v | head -n1 | sed 's/^version: //;s/ *$//')," \
    "$(sipp -v 2>/dev/null | grep -o 'SIPp v[^ ]*' | head -n1 | sed 's/\.$//')," \
    "$(/usr/bin/chromium --version 2>/dev/null)"
}

mapfile -t missing < <(missing_packages)
if ((${#missing[@]} == 0)); then
  versions
  exit 0
fi

if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "e2e deps missing: ${missing[*]}" >&2
  echo "install them (Debian/Ubuntu) with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${packages[*]}" >&2
  echo "The suite runs /usr/bin/chromium, kamailio, kamcmd and sipp; it downloads nothing itself." >&2
  exit 1
fi

echo "e2e deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q "${packages[@]}"
# Where an init system runs, the kamailio package may start a system instance on 5060; the tests
# start their own on free ports and never touch it.
mapfile -t missing < <(missing_packages)
if ((${#missing[@]} > 0)); then
  echo "e2e deps: still missing after apt-get: ${missing[*]}" >&2
  exit 1
fi
versions
