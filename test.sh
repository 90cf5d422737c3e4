#!/usr/bin/env bash
# Runs the whole test suite against a real redis-server: installs it (Debian package) when missing,
# starts it on a free loopback port, runs `dotnet test`, stops it, and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v redis-server >/dev/null; then
  echo "Installing redis-server..."
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null \
    || { echo "could not install redis-server"; echo "0 passed, 1 failed"; exit 1; }
fi

# The GeoIP test databases stay where the workspace keeps them (../shared/geoip); never copied here.
if [ -z "${RISKENGINE_TEST_GEOIP:-}" ]; then
  dir="$PWD"
  while [ "$dir" != "/" ] && [ ! -f "$dir/shared/geoip/GeoIP2-City-Test.mmdb" ]; do dir=$(dirname "$dir"); done
  if [ -f "$dir/shared/geoip/GeoIP2-City-Test.mmdb" ]; then export RISKENGINE_TEST_GEOIP="$dir/shared/geoip"
  elif [ -f /work/shared/geoip/GeoIP2-City-Test.mmdb ]; then export RISKENGINE_TEST_GEOIP=/work/shared/geoip
  fi
fi

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

port=$(free_port)
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no >/dev/null 2>&1 &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null' EXIT
for _ in $(seq 100); do
  [ "$(redis-cli -p "$port" ping 2>/dev/null)" = "PONG" ] && break
  sleep 0.1
done
export RISKENGINE_TEST_REDIS="127.0.0.1:$port"
echo "redis-server on $RISKENGINE_TEST_REDIS, GeoIP test databases in ${RISKENGINE_TEST_GEOIP:-(not found)}"

log=$(mktemp)
dotnet test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform's summary: "succeeded: N" / "failed: N" (summed over test projects).
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a crash or build error counts as a failure
echo "$passed passed, $failed failed"
exit "$status"
