#!/usr/bin/env bash
# Chaos run on loopback: a redis-server (append-only), two standalone silos and a client-mode API; the
# `decisions` and `stepup` scenarios flow for DURATION seconds (default 40) while silo 1 is killed with
# SIGKILL at a third of the run and started again at two thirds. Then every write the engine acknowledged
# is looked for, and the counts are printed: requests, failures by status, acknowledged writes missing.
# Exit 0 only when nothing acknowledged is missing and every failure was retryable. Bounded in time;
# everything it starts is stopped and its files removed on exit.
#   load/chaos.sh            RATE=200 DURATION=60 load/chaos.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/loopback.sh
DURATION=${DURATION:-40}
RATE=${RATE:-100}

command -v redis-server >/dev/null || { echo "redis-server is needed (Debian: apt-get install redis-server)"; exit 2; }

scratch chaos

geoip=$(find_geoip)

echo "building (Release)..."
dotnet build -c Release src/Silo/Silo.csproj -v q -nologo >/dev/null
dotnet build -c Release src/Api/Api.csproj -v q -nologo >/dev/null
dotnet build -c Release load/Load.csproj -v q -nologo >/dev/null

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work" --appendonly yes --appendfsync everysec --save "" >"$work/redis.log" 2>&1 &
pids+=($!)
wait_for_redis "$redis_port"

api_port=$(free_port)
export ConnectionStrings__Redis="127.0.0.1:$redis_port"
export Orleans__ClusterId="chaos-$$" Orleans__ServiceId="chaos-$$" Orleans__Endpoints__AdvertisedIPAddress=127.0.0.1
# A dead silo is declared dead within seconds (Orleans' production default is about 30 s; see README).
export Orleans__Membership__ProbeTimeout=00:00:01 Orleans__Membership__NumMissedProbesLimit=2
export Orleans__Membership__NumVotesForDeathDeclaration=1 Orleans__Membership__TableRefreshTimeout=00:00:02
export RiskEngine__DevApiKey="chaos-key-$(date +%s%N)" RiskEngine__Didit__WebhookSecret="chaos-webhook-secret-$$"
export RiskEngine__PublicBaseUrl="http://127.0.0.1:$api_port" DOTNET_ENVIRONMENT=Production
# The tenant's budget of sessions for new devices (240 a minute by default) is a quota: stepup asks for more each
# minute, and every one must step up for its writes to be checked.
export RiskEngine__Didit__NewDeviceSessionsPerMinute=1000000000
if [ -n "$geoip" ]; then
  export RiskEngine__GeoIp__CityDatabase="$geoip/GeoIP2-City-Test.mmdb" RiskEngine__GeoIp__AsnDatabase="$geoip/GeoLite2-ASN-Test.mmdb"
  export RiskEngine__GeoIp__AnonymousIpDatabase="$geoip/GeoIP2-Anonymous-IP-Test.mmdb"
fi

declare -A silo_pid silo_ports
start_silo() { # n
  [ -n "${silo_ports[$1]:-}" ] || silo_ports[$1]="$(free_port) $(free_port)"
  read -r silo_port gateway_port <<<"${silo_ports[$1]}"
  local log="$work/silo$1-$(date +%s%N).log"
  # From its build folder, as from WORKDIR in its image: that is where its appsettings.json is.
  (cd src/Silo/bin/Release/net10.0 && Orleans__Endpoints__SiloPort=$silo_port Orleans__Endpoints__GatewayPort=$gateway_port \
    exec dotnet RiskEngine.Silo.dll) >"$log" 2>&1 &
  silo_pid[$1]=$!
  pids+=($!)
  for _ in $(seq 300); do grep -q "Application started" "$log" && return 0; sleep 0.2; done
  echo "silo $1 did not start"; cat "$log"; exit 1
}

start_silo 1
start_silo 2
(cd src/Api/bin/Release/net10.0 && ASPNETCORE_URLS="http://127.0.0.1:$api_port" RiskEngine__Mode=Client \
  exec dotnet RiskEngine.Api.dll) >"$work/api.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$api_port/health/ready" 60
echo "redis :$redis_port, silos ${silo_ports[1]} / ${silo_ports[2]}, API http://127.0.0.1:$api_port (client mode)"

timeout $((DURATION + 300)) dotnet load/bin/Release/net10.0/RiskEngine.Load.dll chaos --target "http://127.0.0.1:$api_port" \
  --api-key "$RiskEngine__DevApiKey" --rate "$RATE" --duration "${DURATION}s" &
driver=$!
pids+=($driver)

sleep $((DURATION / 3))
echo ">>> $(date +%T) kill -9 silo 1 (pid ${silo_pid[1]})"
kill -9 "${silo_pid[1]}"
wait "${silo_pid[1]}" 2>/dev/null || true
sleep $((DURATION / 3))
echo ">>> $(date +%T) starting silo 1 again"
start_silo 1
echo ">>> $(date +%T) silo 1 is back"

set +e
wait "$driver"
status=$?
set -e
echo "chaos run: exit $status"
exit "$status"
