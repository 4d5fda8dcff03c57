#!/usr/bin/env bash
# The API's latency next to the page's for the same read (issue 12): my requests, my tokens and
# one request, as a page with bob's session and as /api/v1 with bob's GitLab token (verified
# once, then from the one-minute cache). Production jar, GitLab sandbox in another process
# answering at once (bench/dev/tokenportal/TrialStandIns), PostgreSQL the machine's own.
#   bench/run-api-benchmark.sh [seconds per endpoint, default 10] [connections, default 4]
# Needs: a local PostgreSQL on 127.0.0.1:5432 accepting user postgres, curl, jq, wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${2:-4}
# ports of their own, so the run can share the machine with other benchmarks
port=${API_BENCH_PORT:-28080}
gitlab_port=${API_BENCH_GITLAB_PORT:-28929}
PORTAL=http://localhost:$port
BOB_TOKEN=glpat-sandbox-bob
. bench/lib.sh
jar=$(bench_jar)
bench_classpath
work=$(mktemp -d)
echo "benchmark files in $work"
portal=
cleanup() { [ -n "$portal" ] && kill "$portal" 2>/dev/null; echo quit >&3 || true; wait 2>/dev/null || true; }
trap cleanup EXIT
standins_start "$gitlab_port" "${API_BENCH_SMTP_PORT:-23025}"
psql -q -h 127.0.0.1 -U postgres -d postgres -c 'DROP DATABASE IF EXISTS tp_api' -c 'CREATE DATABASE tp_api'
GITLAB_URL=http://localhost:$gitlab_port GITLAB_CLIENT_ID=token-portal GITLAB_CLIENT_SECRET=sandbox-client-secret \
GITLAB_SERVICE_TOKEN=glpat-sandbox-portal-service \
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/tp_api SPRING_DATASOURCE_USERNAME=postgres \
PORTAL_FINGERPRINT_KEY=api-bench-fingerprint-key-0123456789abcdef PORTAL_AUDIT_KEY=api-bench-audit-key-0123456789abcdef \
  java -Xmx512m ${PORTAL_JAVA_OPTS:-} -jar "$jar" --server.port=$port --logging.level.root=WARN >"$work/portal.log" 2>&1 &
portal=$!
until curl -fs -o /dev/null $PORTAL/actuator/health; do
  sleep 0.5
  kill -0 $portal 2>/dev/null || { tail -40 "$work/portal.log"; echo "portal did not start"; exit 1; }
done

login bob
cookie=$(awk '$6 ~ /SESSION$/ {print $6 "=" $7}' "$work/bob")
[ -n "$cookie" ] || { echo "no session cookie"; exit 1; }
# one request of bob's, low tier (granted at once), through the API
id=$(curl -fs -H "Authorization: Bearer $BOB_TOKEN" -H 'Content-Type: application/json' \
  --data "{\"target\":\"project:11\",\"tokenName\":\"bench\",\"scopes\":[\"read_api\"],\"accessLevel\":20,
           \"expiresOn\":\"$(date -u -d '+20 days' +%F)\",\"justification\":\"API latency benchmark\"}" \
  $PORTAL/api/v1/requests | jq -r .id)

latency() { # path header → "p50 p99 req/s" (non-2xx answers make the run fail)
  local out
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -H "$2" "$PORTAL$1")
  if grep -q "Non-2xx" <<<"$out"; then echo "$1 answered non-2xx: $out" >&2; exit 1; fi
  awk '/^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Requests\/sec/ {rps=$2} END {print p50, p99, rps}' <<<"$out"
}
for p in /requests /tokens "/requests/$id" /api/v1/requests /api/v1/tokens "/api/v1/requests/$id"; do
  wrk -t1 -c2 -d3s -H "Cookie: $cookie" -H "Authorization: Bearer $BOB_TOKEN" "$PORTAL$p" >/dev/null
done
printf '%-28s %10s %10s %10s   %-28s %10s %10s %10s\n' page p50 p99 req/s api p50 p99 req/s
for pair in "/requests /api/v1/requests" "/tokens /api/v1/tokens" "/requests/$id /api/v1/requests/$id"; do
  set -- $pair
  read -r pp50 pp99 prps <<<"$(latency "$1" "Cookie: $cookie")"
  read -r ap50 ap99 arps <<<"$(latency "$2" "Authorization: Bearer $BOB_TOKEN")"
  printf '%-28s %10s %10s %10s   %-28s %10s %10s %10s\n' "${1:0:28}" "$pp50" "$pp99" "$prps" "${2:0:28}" "$ap50" "$ap99" "$arps"
done
