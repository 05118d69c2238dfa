#!/usr/bin/env bash
# Stops the servers tests/services/start.sh started and removes their data.
set -uo pipefail
root="${PAINBOT_TEST_SERVICES:-}"
[ -n "$root" ] && [ -d "$root" ] || exit 0
[ -f "$root/redis/redis.pid" ] && kill "$(cat "$root/redis/redis.pid")" 2>/dev/null
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -f "$root/pg/postmaster.pid" ]; then
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$pg_bin/pg_ctl" -D "$root/pg" -m immediate stop >/dev/null
  else "$pg_bin/pg_ctl" -D "$root/pg" -m immediate stop >/dev/null; fi
fi
rm -rf "$root"
