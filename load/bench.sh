#!/usr/bin/env bash
# BENCHMARKS.md's end-to-end rows in one command, on loopback: builds Release, starts a fresh engine (embedded, or
# with MODE=redis on a fresh redis-server without persistence) with MaxMind's GeoIP test databases, warms it up for
# 20 s at 2,000 decisions/s (so that JIT compilation and the simulated users' first activations are not what is
# measured), then runs `bench` against it and prints bench.json, and last the engine's own counters (decisions by
# outcome, sessions opened, step-ups blocked; with Redis, storage scripts per decision). Bounded in time; everything it
# starts is stopped on exit. Reports stay in OUT (default load/out/bench-MODE-TIME, or run-SCENARIO-RATE-MODE-TIME).
#   load/bench.sh            MODE=redis load/bench.sh            DURATION=30 load/bench.sh
#   ENGINE_ENV="DOTNET_GCGen0MaxBudget=800000" load/bench.sh     (the engine alone started with that environment)
#   RATE=20000 load/bench.sh     (instead of bench: `run SCENARIO --rate RATE` for DURATION after a 5 s warm-up of its
#                                 own; SCENARIO decisions unless given: baseline, decisions, stepup, webhooks)
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/loopback.sh
MODE=${MODE:-embedded}
DURATION=${DURATION:-20}
RATE=${RATE:-}
SCENARIO=${SCENARIO:-decisions}
if [ -n "$RATE" ]; then
  OUT=${OUT:-load/out/run-$SCENARIO-$RATE-$MODE-$(date +%Y%m%d-%H%M%S)}
else
  OUT=${OUT:-load/out/bench-$MODE-$(date +%Y%m%d-%H%M%S)}
fi

case "$MODE" in
  embedded) ;;
  redis) command -v redis-server >/dev/null || { echo "redis-server is needed (Debian: apt-get install redis-server)"; exit 2; } ;;
  *) echo "MODE is embedded or redis, not $MODE"; exit 2 ;;
esac

scratch

echo "building (Release)..."
dotnet build -c Release src/Api/Api.csproj -v q -nologo >/dev/null
dotnet build -c Release load/Load.csproj -v q -nologo >/dev/null

if [ "$MODE" = redis ]; then
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work" --save "" --appendonly no >"$work/redis.log" 2>&1 &
  pids+=($!)
  wait_for_redis "$redis_port"
  export ConnectionStrings__Redis="127.0.0.1:$redis_port"
fi

geoip=$(find_geoip)
if [ -n "$geoip" ]; then
  export RiskEngine__GeoIp__CityDatabase="$geoip/GeoIP2-City-Test.mmdb" RiskEngine__GeoIp__AsnDatabase="$geoip/GeoLite2-ASN-Test.mmdb"
  export RiskEngine__GeoIp__AnonymousIpDatabase="$geoip/GeoIP2-Anonymous-IP-Test.mmdb"
else
  echo "MaxMind's GeoIP test databases not found: the engine will look nothing up, unlike BENCHMARKS.md's runs"
fi
port=$(free_port)
target="http://127.0.0.1:$port"
export RiskEngine__DevApiKey="bench-key-$(date +%s%N)" RiskEngine__Didit__WebhookSecret="bench-webhook-secret-$$"
# The tenant's rate limit (20,000/s by default) is a quota, not the engine's capacity, which bench measures: set far
# above any rate reached here, so each request still takes its token as in production but none is refused.
export RiskEngine__RateLimit__RequestsPerSecond=1000000000
# Likewise the tenant's budget of sessions for new devices (240 a minute by default, within Didit's rate limit): the
# load's mix asks for hundreds a second, and sessions opened are part of the cost measured since the first bench.
export RiskEngine__Didit__NewDeviceSessionsPerMinute=1000000000
# ENGINE_ENV: VAR=VALUE pairs for the engine alone (a runtime setting compared without a rebuild, the generator left as it is).
(cd src/Api/bin/Release/net10.0 && ASPNETCORE_URLS="$target" exec env ${ENGINE_ENV:-} dotnet RiskEngine.Api.dll) >"$work/engine.log" 2>&1 &
pids+=($!)
wait_for "$target/health/ready" 60 || { cat "$work/engine.log"; exit 1; }
echo "engine ($MODE, pid ${pids[-1]}) at $target"   # the pid for `load/Benchmarks -- gc PID` or `cpu PID` beside the run

load() { timeout $((DURATION * 10 + 120)) dotnet load/bin/Release/net10.0/RiskEngine.Load.dll "$@" --target "$target" --api-key "$RiskEngine__DevApiKey"; }
echo "warm-up: 20 s at 2,000 decisions/s"
load run decisions --rate 2000 --duration 20s --warmup 0s --out "$work/warm-up" >/dev/null || true
# What the engine answered since it started (the warm-up included) and, with Redis, the storage scripts it ran: what a
# change to the decision mix's cost shows in (sessions opened, step-ups resumed or blocked, writes per decision).
counters() {
  local metrics decisions
  metrics=$(curl -s "$target/metrics")
  decisions=$(awk '/^riskengine_decisions_total\{/ { s += $NF } END { print s + 0 }' <<<"$metrics")
  echo "engine counters since start (warm-up included): $decisions decisions"
  awk '/^riskengine_(decisions_total|provider_calls_total|stepups_limited_total)\{/ && $NF != 0 {
    name = $1; sub(/\{.*/, "", name); label = ""
    if (match($0, /(outcome|result|limit)="[a-z_]+"/)) label = substr($0, RSTART, RLENGTH)
    print "  " name " " label " " $NF }' <<<"$metrics"
  if [ "$MODE" = redis ] && [ "$decisions" -gt 0 ]; then
    local scripts
    scripts=$(redis-cli -p "$redis_port" info commandstats | grep -o 'cmdstat_evalsha:calls=[0-9]*' | cut -d= -f2)
    echo "  redis evalsha ${scripts:-0}: $(awk -v s="${scripts:-0}" -v d="$decisions" 'BEGIN { printf "%.2f", s / d }') per decision"
  fi
}
set +e
if [ -n "$RATE" ]; then
  load run "$SCENARIO" --rate "$RATE" --duration "${DURATION}s" --warmup 5s --out "$OUT"
  status=$?
else
  load bench --duration "${DURATION}s" --out "$OUT"
  status=$?
  [ -f "$OUT/bench.json" ] && cat "$OUT/bench.json"
fi
counters
exit "$status"
