#!/usr/bin/env bash
# Installs a software Vulkan driver (Mesa's lavapipe) so that Dawn (npm `webgpu`), and with it
# TensorFlow.js's WebGPU backend, runs on a machine with no GPU: CI then tests the WebGPU path
# (CROLOSS_WEBGPU=1 / CROLOSS_TEST_BACKEND=webgpu). Run as root (or through sudo).
#
# Debian bookworm's own Mesa (22.3) is too old for Dawn, so on bookworm the bookworm-backports suite is
# added next to the Debian mirror that the machine's apt sources already name, and backports' Mesa is
# installed. Other Debian/Ubuntu releases install their own mesa-vulkan-drivers. Safe to run twice.
#
# Afterwards, before starting Dawn:
#   export XDG_RUNTIME_DIR=/tmp/xdg-$UID; mkdir -p -m 700 "$XDG_RUNTIME_DIR"
set -euo pipefail

say() { echo "install-lavapipe: $*"; }

if [[ $(id -u) -ne 0 ]]; then
  say "must run as root (try: sudo bash $0)" >&2
  exit 1
fi

codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-unknown}")
distro=$(. /etc/os-release && echo "${ID:-unknown}")
say "system: $distro $codename"

export DEBIAN_FRONTEND=noninteractive
target=()
if [[ $distro == debian && $codename == bookworm ]]; then
  backports=/etc/apt/sources.list.d/backports.sources
  if [[ -f $backports ]] || grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    say "bookworm-backports already in the apt sources"
  else
    # The machine's Debian mirror: deb822 sources first, then the one-line sources.list format.
    uri=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1 || true)
    if [[ -z $uri ]]; then
      uri=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
    fi
    [[ -n $uri ]] || { say "no Debian bookworm source found to extend" >&2; exit 1; }
    printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$uri" >"$backports"
    say "added bookworm-backports ($uri) as $backports"
  fi
  target=(-t bookworm-backports)
fi

say "apt-get update"
apt-get update -qq
say "installing libvulkan1"
apt-get install -y -qq --no-install-recommends libvulkan1 >/dev/null
say "installing mesa-vulkan-drivers ${target[*]:-(distribution version)}"
apt-get install -y -qq --no-install-recommends "${target[@]}" mesa-vulkan-drivers >/dev/null

version=$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers)
icd=$(ls /usr/share/vulkan/icd.d/lvp_icd*.json 2>/dev/null | head -1 || true)
[[ -n $icd ]] || { say "mesa-vulkan-drivers $version installed but no lavapipe ICD (lvp_icd*.json) found" >&2; exit 1; }
say "done: mesa-vulkan-drivers $version, lavapipe ICD $icd"
say "before starting Dawn: export XDG_RUNTIME_DIR=/tmp/xdg-\$UID; mkdir -p -m 700 \"\$XDG_RUNTIME_DIR\""
