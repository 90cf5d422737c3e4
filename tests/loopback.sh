# Shell helpers for the scripts that start servers on loopback (test.sh, load/chaos.sh, load/bench.sh). Source it.

# A TCP port nothing listens on yet.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# Waits up to 10 s for the redis-server on this port to answer.
wait_for_redis() {
  for _ in $(seq 100); do
    [ "$(redis-cli -p "$1" ping 2>/dev/null)" = "PONG" ] && return 0
    sleep 0.1
  done
  return 1
}

# Waits up to $2 seconds for the URL $1 to answer with a success status; says so and fails when it does not.
wait_for() {
  for _ in $(seq $(($2 * 5))); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "not ready: $1"; return 1
}

# The folder of MaxMind's GeoIP test databases: the workspace's shared/geoip above this checkout (they are never
# copied into it), else /work/shared/geoip; prints nothing when neither has them.
find_geoip() {
  local dir="$PWD"
  while [ "$dir" != "/" ] && [ ! -f "$dir/shared/geoip/GeoIP2-City-Test.mmdb" ]; do dir=$(dirname "$dir"); done
  if [ -f "$dir/shared/geoip/GeoIP2-City-Test.mmdb" ]; then echo "$dir/shared/geoip"
  elif [ -f /work/shared/geoip/GeoIP2-City-Test.mmdb ]; then echo /work/shared/geoip
  fi
}

# Makes a scratch folder, $work, and a list of the processes the script starts, $pids (add each with pids+=($!)): when
# the script exits they are killed and the folder removed. Given a name, a failed run keeps the folder's logs in
# load/out/<name>-<time>.
scratch() {
  work=$(mktemp -d)
  pids=()
  scratch_name=${1:-}
  trap scratch_cleanup EXIT INT TERM
}

scratch_cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ] && [ -n "$scratch_name" ]; then
    local kept="load/out/$scratch_name-$(date +%Y%m%d-%H%M%S)"
    mkdir -p "$kept" && cp "$work"/*.log "$kept/" 2>/dev/null && echo "logs kept in $kept"
  fi
  rm -rf "$work"
}
