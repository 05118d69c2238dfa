#!/usr/bin/env bash
# Starts throw-away Redis and PostgreSQL servers on loopback for the tests and prints the environment variables
# the tests read (eval "$(tests/services/start.sh)"). Data lives in a temporary folder; stop.sh removes it.
# Needs Debian's redis-server and postgresql (.ci/run installs them).
#   PAINBOT_TEST_REDIS      a StackExchange.Redis configuration string
#   PAINBOT_TEST_POSTGRES   an Npgsql connection string (a database the tests may create tables in)
#   PAINBOT_TEST_SERVICES   the folder holding both servers' data, for stop.sh
set -euo pipefail

root=$(mktemp -d /tmp/painbot-services.XXXXXX)
chmod 755 "$root"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

redis_port=$(free_port)
mkdir -p "$root/redis"
redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$root/redis" --save "" --appendonly no \
  --daemonize yes --pidfile "$root/redis/redis.pid" --logfile "$root/redis/redis.log" >/dev/null
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$redis_port" ping >/dev/null

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
pg_port=$(free_port)
pg_data="$root/pg"
mkdir -p "$pg_data"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$pg_data"
  as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -U painbot --auth=trust -E UTF8 >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_data -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U painbot painbot_test

echo "export PAINBOT_TEST_SERVICES='$root'"
echo "export PAINBOT_TEST_REDIS='127.0.0.1:$redis_port'"
echo "export PAINBOT_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=painbot;Database=painbot_test'"
