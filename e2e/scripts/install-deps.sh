#!/usr/bin/env bash
# Makes sure the e2e suite's peers are installed: Kamailio with its WebSocket and TLS modules, SIPp
# and Chromium, the production topology's rtpengine (media gateway), coturn (TURN), baresip (a
# plain SIP phone), certutil and openssl (the wss scenario's test CA), Kamailio's presence modules
# with their SQLite store and the sqlite3 shell (the presence scenario makes its database with
# it), all from Debian's packages,
# iproute2 for the suite's private network namespace and nftables for the media cut of
# call-recovery.test.ts (`nft`, inside that namespace only)
# (scripts/netns.sh: `ip link set lo up`; `unshare` is util-linux, always there). Fast when everything is there (one dpkg-query); as root it
# installs what is missing with apt-get; otherwise it says what to install and fails.
set -euo pipefail

packages=(kamailio kamailio-websocket-modules kamailio-tls-modules sip-tester chromium iproute2
  rtpengine-daemon coturn baresip-core libnss3-tools openssl nftables
  kamailio-presence-modules kamailio-sqlite-modules sqlite3)

installed() {
  local package=$1
  if command -v dpkg-query >/dev/null 2>&1; then
    [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" == "install ok installed" ]]
  else
    # Not Debian: judge by the programs the suite runs.
    case $package in
      kamailio) command -v kamailio >/dev/null && command -v kamcmd >/dev/null ;;
      kamailio-websocket-modules | kamailio-tls-modules | kamailio-presence-modules | \
        kamailio-sqlite-modules) command -v kamailio >/dev/null ;;
      sqlite3) command -v sqlite3 >/dev/null ;;
      rtpengine-daemon) command -v rtpengine >/dev/null ;;
      coturn) command -v turnserver >/dev/null ;;
      baresip-core) command -v baresip >/dev/null ;;
      libnss3-tools) command -v certutil >/dev/null ;;
      openssl) command -v openssl >/dev/null ;;
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
    "$(/usr/bin/chromium --version 2>/dev/null)," \
    "rtpengine $(rtpengine --version 2>&1 | grep -o '[0-9][0-9.a-z+~-]*' | head -n1)," \
    "coturn $(dpkg-query -W -f='${Version}' coturn 2>/dev/null)," \
    "baresip $(dpkg-query -W -f='${Version}' baresip-core 2>/dev/null)"
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
  echo "The suite runs /usr/bin/chromium, kamailio, kamcmd, sipp, rtpengine, turnserver, baresip," \
    "openssl, certutil and sqlite3; it downloads nothing itself." >&2
  exit 1
fi

echo "e2e deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q "${packages[@]}"
# Where an init system runs, the kamailio, rtpengine-daemon and coturn packages may start system
# instances with their default configurations; the tests start their own (from deploy/, on the
# ports 7300-7399 in their own network namespace) and never touch them.
mapfile -t missing < <(missing_packages)
if ((${#missing[@]} > 0)); then
  echo "e2e deps: still missing after apt-get: ${missing[*]}" >&2
  exit 1
fi
versions
