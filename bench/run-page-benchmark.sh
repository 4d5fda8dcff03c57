#!/usr/bin/env bash
# Page throughput of the production jar (issue 10), each figure as a share of the same app's
# trivial endpoint measured in the same run: signed-in pages as an Owner, and static assets
# with and without a session cookie. GitLab is the sandbox in another process answering at
# once (bench/dev/tokenportal/TrialStandIns), PostgreSQL the machine's own. Beside each
# throughput, the portal's own CPU per request (its process's user and system time over the
# run, from /proc), which a busy machine disturbs less than throughput.
#   bench/run-page-benchmark.sh [seconds per page, default 10] [connections, default 8]
#   PORTAL_JAVA_OPTS="-XX:StartFlightRecording=filename=pages.jfr,settings=profile" to profile the portal
#   PORTAL_JAR=other.jar to measure another build of the portal (e.g. main's, for before and after)
#   PAGES="/ /tokens" to measure (and profile) only those signed-in pages; WARMUP=5 seconds each before
# Needs: a local PostgreSQL on 127.0.0.1:5432 accepting user postgres, curl, wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${2:-8}
PORTAL=http://localhost:8080
. bench/lib.sh
jar=${PORTAL_JAR:-$(bench_jar)}
bench_classpath
work=$(mktemp -d)
echo "benchmark files in $work"
portal=
cleanup() { [ -n "$portal" ] && kill "$portal" 2>/dev/null; echo quit >&3 || true; wait 2>/dev/null || true; }
trap cleanup EXIT
standins_start
psql -q -h 127.0.0.1 -U postgres -d postgres -c 'DROP DATABASE IF EXISTS tp_pages' -c 'CREATE DATABASE tp_pages'
GITLAB_URL=http://localhost:8929 GITLAB_CLIENT_ID=token-portal GITLAB_CLIENT_SECRET=sandbox-client-secret \
GITLAB_SERVICE_TOKEN=glpat-sandbox-portal-service \
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/tp_pages SPRING_DATASOURCE_USERNAME=postgres \
PORTAL_FINGERPRINT_KEY=pages-fingerprint-key-0123456789abcdef PORTAL_AUDIT_KEY=pages-audit-key-0123456789abcdef \
  java -Xmx512m ${PORTAL_JAVA_OPTS:-} -jar "$jar" --server.port=8080 --logging.level.root=WARN >"$work/portal.log" 2>&1 &
portal=$!
until curl -fs -o /dev/null $PORTAL/actuator/health; do
  sleep 0.5
  kill -0 $portal 2>/dev/null || { tail -40 "$work/portal.log"; echo "portal did not start"; exit 1; }
done

login bob
cookie=$(awk '$6 ~ /SESSION$/ {print $6 "=" $7}' "$work/bob")
[ -n "$cookie" ] || { echo "no session cookie"; exit 1; }

ticks() { awk '{print $14 + $15}' "/proc/$portal/stat"; } # the portal's CPU, in clock ticks
hz=$(getconf CLK_TCK)
rate() { # path [cookie] → requests/s and the portal's CPU ms per request (non-2xx answers make the run fail)
  local out before after
  before=$(ticks)
  out=$(wrk -t2 -c"$conns" -d"${secs}s" ${2:+-H "Cookie: $2"} "$PORTAL$1")
  after=$(ticks)
  if grep -q "Non-2xx" <<<"$out"; then echo "$1 answered non-2xx: $out" >&2; exit 1; fi
  awk -v cpu=$((after - before)) -v hz="$hz" '/requests in/ {n = $1} /Requests\/sec/ {r = $2}
    END {printf "%s %.2f\n", r, cpu * 1000 / hz / n}' <<<"$out"
}
# warm-up: JIT and caches, as a running portal has them
for p in /actuator/health/liveness ${PAGES:-/ /requests /tokens /approvals /requests/new}; do wrk -t1 -c2 -d"${WARMUP:-5}s" -H "Cookie: $cookie" "$PORTAL$p" >/dev/null; done
read -r trivial trivial_cpu <<<"$(rate /actuator/health/liveness)"
printf '%-34s %10s %8s %12s\n' "endpoint" "req/s" "share" "portal CPU"
row() { # label req/s cpu-ms
  printf '%-34s %10.0f %8.2f %9.2f ms\n' "$1" "$2" "$(echo "$2 / $trivial" | bc -l)" "$3"
}
row "/actuator/health/liveness (trivial)" "$trivial" "$trivial_cpu"
for p in ${PAGES:-/ /requests /tokens /approvals /requests/new}; do
  read -r r c <<<"$(rate "$p" "$cookie")"
  row "$p (signed in)" "$r" "$c"
done
read -r css css_cpu <<<"$(rate /css/portal.css)"
read -r css_cookie css_cookie_cpu <<<"$(rate /css/portal.css "$cookie")"
row "/css/portal.css (no cookie)" "$css" "$css_cpu"
row "/css/portal.css (session cookie)" "$css_cookie" "$css_cookie_cpu"
printf 'static asset with a cookie / without: %.2f\n' "$(echo "$css_cookie / $css" | bc -l)"
