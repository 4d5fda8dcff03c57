#!/usr/bin/env bash
# Start-up and idle memory of the production jar, as a ratio to a bare Spring Boot web app
# (bench/bare-web) measured in the same run, alternating the two so that machine load falls on
# both alike (issue 10). The portal restarts on an already migrated database (the usual case);
# GitLab is the sandbox in another process (bench/dev/tokenportal/TrialStandIns).
#   bench/run-startup-benchmark.sh [rounds] [extra JVM options for the portal…]
# e.g. compare a CDS archive:  bench/run-startup-benchmark.sh 5 -XX:SharedArchiveFile=target/portal.jsa
# Needs: a local PostgreSQL on 127.0.0.1:5432 accepting user postgres, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
shift || true
extra=("$@")
jar=$(ls target/token-portal-*.jar 2>/dev/null | head -1 || true)
if [ -z "$jar" ]; then ./mvnw -B -q -DskipTests package; jar=$(ls target/token-portal-*.jar | head -1); fi
[ -f bench/bare-web/target/bare-web-1.jar ] || ./mvnw -B -q -f bench/bare-web/pom.xml -DskipTests package
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$cp" bench/dev/tokenportal/TrialStandIns.java
work=$(mktemp -d)
mkfifo "$work/control"
java -cp "target/bench-classes:$cp" dev.tokenportal.TrialStandIns <"$work/control" >"$work/standins.log" 2>&1 &
exec 3>"$work/control"
app=
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; echo quit >&3 || true; wait 2>/dev/null || true; }
trap cleanup EXIT
until grep -q '^ready' "$work/standins.log"; do sleep 0.5; done
psql -q -h 127.0.0.1 -U postgres -d postgres -c 'DROP DATABASE IF EXISTS tp_startup' -c 'CREATE DATABASE tp_startup'

export GITLAB_URL=http://localhost:8929 GITLAB_CLIENT_ID=token-portal GITLAB_CLIENT_SECRET=sandbox-client-secret \
  GITLAB_SERVICE_TOKEN=glpat-sandbox-portal-service \
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/tp_startup SPRING_DATASOURCE_USERNAME=postgres \
  PORTAL_FINGERPRINT_KEY=startup-fingerprint-key-0123456789abcdef PORTAL_AUDIT_KEY=startup-audit-key-0123456789abcdef

# start → ready on its port; prints "seconds rss_mib" (RSS after ready and 5 s idle)
run() { # name port url java-args…
  local name=$1 port=$2 url=$3 t0 t1 rss
  shift 3
  t0=$(date +%s.%N)
  java "$@" --server.port="$port" >"$work/$name.log" 2>&1 &
  app=$!
  until curl -fs -o /dev/null "$url"; do
    sleep 0.05
    kill -0 $app 2>/dev/null || { tail -30 "$work/$name.log"; echo "$name did not start" >&2; exit 1; }
  done
  t1=$(date +%s.%N)
  sleep 5
  rss=$(( $(ps -o rss= -p $app) / 1024 ))
  kill $app; wait $app 2>/dev/null || true
  app=
  echo "$(echo "$t1 - $t0" | bc) $rss"
}
# the first start migrates the database: not counted
run portal 8080 http://localhost:8080/actuator/health -jar "$jar" >/dev/null
printf '%-6s %10s %10s %10s %10s\n' round bare_s portal_s bare_MiB portal_MiB
for ((i = 1; i <= rounds; i++)); do
  read -r bs bm < <(run bare 8090 http://localhost:8090/ping -jar bench/bare-web/target/bare-web-1.jar)
  read -r ps pm < <(run portal 8080 http://localhost:8080/actuator/health "${extra[@]}" -jar "$jar")
  printf '%-6s %10.2f %10.2f %10s %10s\n' "$i" "$bs" "$ps" "$bm" "$pm" | tee -a "$work/rounds"
done
awk '{b+=$2; p+=$3; bm+=$4; pm+=$5} END {printf "mean   %10.2f %10.2f %10.0f %10.0f\nratio  start-up %.2fx, idle RSS %.2fx\n", b/NR, p/NR, bm/NR, pm/NR, p/b, pm/bm}' "$work/rounds"
