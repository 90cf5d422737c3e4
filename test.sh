#!/usr/bin/env bash
# Runs the whole test suite against a real redis-server: installs it (Debian package) when missing,
# starts it on a free loopback port, runs `dotnet test`, stops it, and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
. tests/loopback.sh

if ! command -v redis-server >/dev/null; then
  echo "Installing redis-server..."
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null \
    || { echo "could not install redis-server"; echo "0 passed, 1 failed"; exit 1; }
fi

# The GeoIP test databases stay where the workspace keeps them (../shared/geoip); never copied here.
[ -n "${RISKENGINE_TEST_GEOIP:-}" ] || { geoip=$(find_geoip); [ -n "$geoip" ] && export RISKENGINE_TEST_GEOIP="$geoip"; }

port=$(free_port)
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no >/dev/null 2>&1 &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null' EXIT
wait_for_redis "$port"
export RISKENGINE_TEST_REDIS="127.0.0.1:$port"
echo "redis-server on $RISKENGINE_TEST_REDIS, GeoIP test databases in ${RISKENGINE_TEST_GEOIP:-(not found)}"

log=$(mktemp)
if [ $# -gt 0 ]; then
  dotnet test "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
else
  # The load generator's own timing tests (trait timing=generator) first, in a process of their own: by the end of the
  # long run the test process holds gigabytes and wakes its threads too late for a 1 ms schedule.
  dotnet test --filter-trait "timing=generator" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  dotnet test --no-build --filter-not-trait "timing=generator" 2>&1 | tee -a "$log"
  rest=${PIPESTATUS[0]}
  [ "$rest" -ne 0 ] && status=$rest
fi

# Microsoft.Testing.Platform's summary: "succeeded: N" / "failed: N" (summed over test projects).
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a crash or build error counts as a failure
echo "$passed passed, $failed failed"
exit "$status"
