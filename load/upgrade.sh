#!/usr/bin/env bash
# A rolling upgrade rehearsed on loopback: one silo built from an earlier commit and one from this checkout, in one
# cluster on Redis, called first through an API front of this version, then through one of the earlier version. Each
# front drives the flows that cross grains and processes: decisions, a step-up approved on the sandbox page and read
# back, three declines that lock a user, an unlock, the user's view and deletion. It fails on any unexpected answer.
#   load/upgrade.sh COMMIT        e.g. load/upgrade.sh 20c9e2c
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/loopback.sh
[ $# -eq 1 ] || { echo "usage: load/upgrade.sh COMMIT (the version to upgrade from)"; exit 2; }
command -v redis-server >/dev/null || { echo "redis-server is needed (Debian: apt-get install redis-server)"; exit 2; }

scratch upgrade

echo "building this checkout and $1 (Release)..."
git clone -q . "$work/before" && git -C "$work/before" checkout -q "$1"
for root in . "$work/before"; do
  dotnet build -c Release "$root/src/Silo/Silo.csproj" -v q -nologo >/dev/null
  dotnet build -c Release "$root/src/Api/Api.csproj" -v q -nologo >/dev/null
done

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)
wait_for_redis "$redis_port"

api="http://127.0.0.1:$(free_port)"
key="upgrade-key-$(date +%s%N)"
export ConnectionStrings__Redis="127.0.0.1:$redis_port" DOTNET_ENVIRONMENT=Production
export Orleans__ClusterId="upgrade-$$" Orleans__ServiceId="upgrade-$$" Orleans__Endpoints__AdvertisedIPAddress=127.0.0.1
export RiskEngine__DevApiKey="$key" RiskEngine__Didit__WebhookSecret="upgrade-webhook-secret-$$" RiskEngine__PublicBaseUrl="$api"

start() { # what root log: a silo (what=Silo) or an API front in client mode (what=Api), from its build folder
  local dll="$2/src/$1/bin/Release/net10.0"
  if [ "$1" = Silo ]; then
    (cd "$dll" && Orleans__Endpoints__SiloPort=$(free_port) Orleans__Endpoints__GatewayPort=$(free_port) exec dotnet RiskEngine.Silo.dll) >"$3" 2>&1 &
  else
    (cd "$dll" && ASPNETCORE_URLS="$api" RiskEngine__Mode=Client exec dotnet RiskEngine.Api.dll) >"$3" 2>&1 &
  fi
  pids+=($!)
  last=$!
}

start Silo "$work/before" "$work/silo-before.log"
start Silo . "$work/silo-this.log"
for log in silo-before silo-this; do
  for _ in $(seq 300); do grep -q "Application started" "$work/$log.log" && break; sleep 0.2; done
done

failures=0
call() { curl -s -o "$work/body" -w '%{http_code}' "$@"; } # prints the status; the body is in $work/body
expect() { # what, expected status, status, expected text in the body (optional)
  if [ "$3" != "$2" ] || { [ -n "${4:-}" ] && ! grep -qF -- "$4" "$work/body"; }; then
    echo "  unexpected $1: $3 $(head -c 300 "$work/body")"
    failures=$((failures + 1))
  fi
}
decide() { # user device ip
  call -X POST "$api/v1/decisions" -H "x-api-key: $key" -H 'content-type: application/json' \
    -d "{\"user_id\":\"$1\",\"action\":\"login\",\"device_id\":\"$2\",\"ip\":\"$3\"}"
}
field() { grep -o "\"$1\":\"[^\"]*\"" "$work/body" | head -1 | cut -d'"' -f4; }
choose() { call -X POST "$1" -H 'accept: application/json' -d "verdict=$2"; }

drive() { # tag: 20 users stepping up to a new laptop and approving it, 4 locked and unlocked, then deleted
  for i in $(seq 20); do
    local user="$1-$i"
    expect "first login" 200 "$(decide "$user" phone 2.125.160.216)"
    expect "new laptop" 200 "$(decide "$user" laptop 89.160.20.112)" '"outcome":"step_up"'
    local url session
    url=$(field session_url) session=$(field session_id)
    expect "approval" 200 "$(choose "$url" approve)" '"status":"Approved"'
    expect "session view" 200 "$(call "$api/v1/step-ups/$session" -H "x-api-key: $key")" '"status":"Approved"'
    expect "laptop after approval" 200 "$(decide "$user" laptop 89.160.20.112)" '"outcome":"allow"'
  done
  for i in $(seq 4); do
    local user="$1-locked-$i"
    decide "$user" phone 2.125.160.216 >/dev/null
    for k in 1 2 3; do
      expect "new device" 200 "$(decide "$user" "other-$k" 89.160.20.112)" '"outcome":"step_up"'
      expect "decline" 200 "$(choose "$(field session_url)" decline)" '"status":"Declined"'
    done
    expect "locked" 200 "$(decide "$user" phone 2.125.160.216)" '"outcome":"block"'
    expect "unlock" 204 "$(call -X POST "$api/v1/users/$user/unlock" -H "x-api-key: $key")"
    expect "after unlock" 200 "$(decide "$user" phone 2.125.160.216)" '"outcome":"allow"'
    expect "user view" 200 "$(call "$api/v1/users/$user" -H "x-api-key: $key")" '"locked":false'
    expect "deletion" 204 "$(call -X DELETE "$api/v1/users/$user" -H "x-api-key: $key")"
  done
}

for front in this before; do
  root=.; [ "$front" = before ] && root="$work/before"
  start Api "$root" "$work/api-$front.log"
  wait_for "$api/health/ready" 60
  echo "silos: $1 and this checkout; API front: $([ "$front" = this ] && echo "this checkout" || echo "$1")"
  before_failures=$failures
  drive "$front-$$"
  echo "  $((failures - before_failures)) unexpected answers"
  kill -9 "$last"; wait "$last" 2>/dev/null || true
done
[ "$failures" -eq 0 ] && echo "upgrade from $1: every answer as expected" || { echo "upgrade from $1: $failures unexpected answers"; exit 1; }
