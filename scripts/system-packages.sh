#!/usr/bin/env bash
# Install the Debian packages of system-packages.txt that a command needs and the machine
# lacks. Usage: scripts/system-packages.sh run|test|messages|ci
#   run       what `make run` needs;  test: that and what `make test` needs;
#   messages  gettext for `make messages`;  ci: every package listed.
# As root it runs apt-get; otherwise it prints the exact command and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
scope=${1:-test}
case "$scope" in
  run) wanted="run" ;;
  test) wanted="run test" ;;
  messages) wanted="messages" ;;
  ci) wanted="run test messages ci" ;;
  *) echo "scripts/system-packages.sh: unknown scope '$scope' (run, test, messages, ci)" >&2; exit 2 ;;
esac

packages=()
while read -r name needed_by _; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  for w in $wanted; do [[ "$needed_by" == "$w" ]] && packages+=("$name"); done
done < system-packages.txt

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian system: install the equivalents of: ${packages[*]}" >&2
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

cat >&2 <<MSG
This machine lacks Debian packages that 'make $scope' needs: ${missing[*]}
Install them, then run the command again:

  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}

MSG
exit 1
