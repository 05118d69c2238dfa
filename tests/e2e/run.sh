#!/usr/bin/env bash
# End-to-end tests with the official clients: botframework-directlinejs (Node, polling and WebSocket) and
# Web Chat in headless Chromium. Needs Node.js 20+, npm and Debian's chromium (/usr/bin/chromium, or set
# CHROMIUM_PATH). Each test file starts the web host itself on a free loopback port and stops it.
#   tests/e2e/run.sh                 build (Debug) if needed, install, run all
#   PAINBOT_CONFIGURATION=Release tests/e2e/run.sh
#   tests/e2e/run.sh directline.test.js     one file
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
configuration="${PAINBOT_CONFIGURATION:-Debug}"
export PAINBOT_CONFIGURATION="$configuration"

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium}: apt-get install -y chromium (or set CHROMIUM_PATH)" >&2
  exit 2
fi

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

dll="$root/src/PainBot.Web/bin/$configuration/net10.0/PainBot.Web.dll"
bundle="$root/src/PainBot.Web/wwwroot/lib/botframework-webchat/webchat.js"
if [ "${PAINBOT_SKIP_BUILD:-0}" != "1" ] || [ ! -f "$dll" ] || [ ! -f "$bundle" ]; then
  dotnet build "$root/src/PainBot.Web/PainBot.Web.csproj" -c "$configuration" --nologo -v quiet
fi

cd "$here"
if [ "$#" -gt 0 ]; then
  exec node --test --test-concurrency=1 "$@"
fi
exec node --test --test-concurrency=1 directline.test.js webchat.test.js staff.test.js
