#!/usr/bin/env bash
# Memory under load (issue 10): the production jar's RSS idle, then while signed-in users load
# their pages for a few minutes, as a ratio to idle, with the heap limit a container would give
# it. The JVM is told it has MEMORY of RAM (-XX:MaxRAM, what a container's limit does) and takes
# HEAP_PERCENT of it for the heap (-XX:MaxRAMPercentage), as in the image (README, "Memory and
# start-up"). Native memory by JVM area (NMT) at the end says where the rest goes.
#   bench/run-memory-benchmark.sh [minutes] [extra JVM options…]
#   MEMORY=1g HEAP_PERCENT=75 CONCURRENCY=8 bench/run-memory-benchmark.sh 3 -XX:+UseSerialGC
# Pages: home, My requests, My tokens, a new request (alice, 200 requests of her own), Approvals (bob).
# Ports: PORTAL_PORT (8080), GITLAB_PORT (8929), SMTP_PORT (3025).
# Needs: a local PostgreSQL on 127.0.0.1:5432 accepting user postgres, curl, ab (apache2-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-3}
shift || true
extra=("$@")
MEMORY=${MEMORY:-1g} HEAP_PERCENT=${HEAP_PERCENT:-75} CONCURRENCY=${CONCURRENCY:-8}
PORTAL_PORT=${PORTAL_PORT:-8080} GITLAB_PORT=${GITLAB_PORT:-8929} SMTP_PORT=${SMTP_PORT:-3025}
PORTAL=http://localhost:$PORTAL_PORT
. bench/lib.sh
jar=$(bench_jar)
bench_classpath
work=$(mktemp -d)
echo "benchmark files in $work"
portal=
cleanup() { [ -n "$portal" ] && kill "$portal" 2>/dev/null; echo quit >&3 || true; wait 2>/dev/null || true; }
trap cleanup EXIT
standins_start "$GITLAB_PORT" "$SMTP_PORT"
psql -q -h 127.0.0.1 -U postgres -d postgres -c 'DROP DATABASE IF EXISTS tp_memory' -c 'CREATE DATABASE tp_memory'

GITLAB_URL=http://localhost:$GITLAB_PORT GITLAB_CLIENT_ID=token-portal GITLAB_CLIENT_SECRET=sandbox-client-secret \
GITLAB_SERVICE_TOKEN=glpat-sandbox-portal-service \
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/tp_memory SPRING_DATASOURCE_USERNAME=postgres \
PORTAL_FINGERPRINT_KEY=memory-fingerprint-key-0123456789abcdef PORTAL_AUDIT_KEY=memory-audit-key-0123456789abcdef \
  java -XX:MaxRAM="$MEMORY" -XX:MaxRAMPercentage="$HEAP_PERCENT" -XX:NativeMemoryTracking=summary "${extra[@]}" \
  -jar "$jar" --server.port="$PORTAL_PORT" >"$work/portal.log" 2>&1 &
portal=$!
until curl -fs -o /dev/null $PORTAL/actuator/health; do
  sleep 1
  kill -0 $portal 2>/dev/null || { tail -40 "$work/portal.log"; echo "portal did not start" >&2; exit 1; }
done
rss() { echo $(( $(ps -o rss= -p $portal) / 1024 )); }
heap() { jcmd $portal GC.heap_info 2>/dev/null | awk '/total/ {for (i = 1; i <= NF; i++) if ($i == "used") {print $(i + 1); exit}}'; }

cookie() { awk '$6 == "__Host-SESSION" {print "__Host-SESSION=" $7}' "$work/$1"; }
for u in alice bob; do login $u; done
# alice's own requests, so that her lists and bob's queue are full pages
token=$(curl -s -b "$work/alice" $PORTAL/requests/new | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
for i in $(seq 1 200); do
  curl -s -o /dev/null -b "$work/alice" -c "$work/alice" --data-urlencode "_csrf=$token" \
    --data-urlencode "target=project:11" --data-urlencode "tokenName=memory-$i" --data-urlencode "scopes=read_api" \
    --data-urlencode "accessLevel=30" --data-urlencode "expiresOn=$(date -u -d '+30 days' +%F)" \
    --data-urlencode "justification=memory benchmark" $PORTAL/requests/new
done
pages=("alice /" "alice /requests" "alice /tokens" "alice /requests/new" "bob /approvals")
for p in "${pages[@]}"; do
  read -r u path <<<"$p"
  printf 'check %-10s %-15s HTTP %s\n' "$u" "$path" "$(curl -s -o /dev/null -w '%{http_code}' -b "$work/$u" "$PORTAL$path")"
done
# idle: every page answered once (classes loaded), then a minute's rest
sleep 60
idle=$(rss)
echo "idle RSS ${idle} MiB, heap used $(heap)"
end=$(( $(date +%s) + minutes * 60 ))
printf '%-8s %8s %10s %14s\n' second RSS_MiB heap_used requests_s
t0=$(date +%s)
while [ "$(date +%s)" -lt $end ]; do
  total=0
  for p in "${pages[@]}"; do
    read -r u path <<<"$p"
    rps=$(ab -q -t 4 -n 1000000 -c "$CONCURRENCY" -C "$(cookie "$u")" "$PORTAL$path" 2>/dev/null \
      | awk '/Requests per second/ {print $4}')
    total=$(echo "$total + ${rps:-0}" | bc)
  done
  printf '%-8s %8s %10s %14s\n' $(( $(date +%s) - t0 )) "$(rss)" "$(heap)" "$(echo "$total / ${#pages[@]}" | bc)"
done
after=$(rss)
sleep 30
rested=$(rss)
echo "RSS idle ${idle} MiB, at the end of load ${after} MiB ($(echo "scale=2; $after / $idle" | bc)x), 30 s later ${rested} MiB"
echo "native memory tracking, committed MiB by area:"
jcmd $portal VM.native_memory summary scale=MB | sed -nE 's/^(Total|-? *([A-Z][A-Za-z ]+)) *(\(|:).*committed=([0-9]+)MB.*/\1 \4/p' \
  | sed -E 's/^- +//' | awk '{c=$NF; $NF=""; printf "  %-20s %6s\n", $0, c}'
echo "ERROR lines in the portal's log: $(grep -cE ' ERROR ' "$work/portal.log" || true)"
