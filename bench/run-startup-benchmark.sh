#!/usr/bin/env bash
# Start-up and idle memory of the production jar, as a ratio to a bare Spring Boot web app
# (bench/bare-web) measured in the same run, alternating them so that machine load falls on
# all alike (issue 10). A second anchor, bench/bare-stack, has the portal's frameworks (JPA,
# Flyway, Security with OAuth2, Session JDBC, Modulith, actuator, springdoc…) on the same
# database and none of its code: the portal's start-up over it is the portal's own. The portal restarts on an already migrated database (the usual case);
# GitLab is the sandbox in another process (bench/dev/tokenportal/TrialStandIns).
#   bench/run-startup-benchmark.sh [rounds] [extra JVM options for the portal…]
# e.g. a heap limit:  bench/run-startup-benchmark.sh 5 -XX:MaxRAMPercentage=75
# STARTUP_VARIANTS=all also runs both apps in the extracted layout (java -Djarmode=tools extract),
# with a CDS archive (Java 17) and with an AOT cache (Java 25, $JAVA25), each made by a training
# run (scripts/extract-with-aot-cache.sh); ratios are always to the bare app's plain jar.
# Seconds are wall time to the first answer on the health URL; cpu_s is the process's CPU time
# (user + system) at that moment, which a loaded machine distorts less.
# PORTAL_B="-Dsome.property=…" adds the portal with those options as variant portal-b;
# PORTAL_B_JAR=path/to/other.jar runs another build as portal-b (before and after a change).
# Ports: PORTAL_PORT (8080), BARE_PORT (8090), GITLAB_PORT (8929), SMTP_PORT (3025).
# Needs: a local PostgreSQL on 127.0.0.1:5432 accepting user postgres, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
shift || true
extra=("$@")
PORTAL_PORT=${PORTAL_PORT:-8080} BARE_PORT=${BARE_PORT:-8090} GITLAB_PORT=${GITLAB_PORT:-8929} SMTP_PORT=${SMTP_PORT:-3025}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
. bench/lib.sh
jar=$(bench_jar)
bare=bench/bare-web/target/bare-web-1.jar
[ -f $bare ] || ./mvnw -B -q -f bench/bare-web/pom.xml -DskipTests package
stack=bench/bare-stack/target/bare-stack-1.jar
[ -f $stack ] || ./mvnw -B -q -f bench/bare-stack/pom.xml -DskipTests package
bench_classpath
work=$(mktemp -d)
app=
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; echo quit >&3 || true; wait 2>/dev/null || true; }
trap cleanup EXIT
standins_start "$GITLAB_PORT" "$SMTP_PORT"
psql -q -h 127.0.0.1 -U postgres -d postgres -c 'DROP DATABASE IF EXISTS tp_startup' -c 'CREATE DATABASE tp_startup'

export GITLAB_URL=http://localhost:$GITLAB_PORT GITLAB_CLIENT_ID=token-portal GITLAB_CLIENT_SECRET=sandbox-client-secret \
  GITLAB_SERVICE_TOKEN=glpat-sandbox-portal-service \
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/tp_startup SPRING_DATASOURCE_USERNAME=postgres \
  PORTAL_FINGERPRINT_KEY=startup-fingerprint-key-0123456789abcdef PORTAL_AUDIT_KEY=startup-audit-key-0123456789abcdef

# start → ready on its port; prints "seconds cpu_seconds rss_mib" (RSS after ready and 5 s idle)
run() { # name dir port url java java-args…
  local name=$1 dir=$2 port=$3 url=$4 java=$5 t0 t1 cpu rss
  shift 5
  t0=$(date +%s.%N)
  (cd "$dir" && exec "$java" "$@" --server.port="$port") >"$work/$name.log" 2>&1 &
  app=$!
  until curl -fs -o /dev/null "$url"; do
    sleep 0.05
    kill -0 $app 2>/dev/null || { tail -30 "$work/$name.log" >&2; echo "$name did not start" >&2; exit 1; }
  done
  t1=$(date +%s.%N)
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' /proc/$app/stat)
  sleep 5
  rss=$(( $(ps -o rss= -p $app) / 1024 ))
  kill $app; wait $app 2>/dev/null || true
  app=
  echo "$(echo "$t1 - $t0" | bc) $cpu $rss"
}
here=$PWD
# variant: name dir java jar-and-options… (the bare app answers on /ping, the portal on health)
variants=("bare|$here|java|-jar $here/$bare" "bare-stack|$here|java|-jar $here/$stack"
  "portal|$here|java|${extra[*]} -jar $here/$jar")
# PORTAL_B: the same jar with other options as well, to see what a setting is worth in one run;
# PORTAL_B_JAR: another build (e.g. the one before a change) as portal-b, with PORTAL_B's options
if [ -n "${PORTAL_B:-}${PORTAL_B_JAR:-}" ]; then
  variants+=("portal-b|$here|java|${extra[*]} ${PORTAL_B:-} -jar $(realpath "${PORTAL_B_JAR:-$jar}")")
fi
if [ "${STARTUP_VARIANTS:-}" = all ]; then
  x=target/startup-variants
  # made again only for another jar (the build's timestamps are fixed, so its checksum says)
  sum=$(sha256sum "$jar" "$bare" | cut -c1-64 | tr '\n' ' ')
  if [ "$(cat $x/source 2>/dev/null)" != "$sum" ]; then
    JAVA=java scripts/extract-with-aot-cache.sh "$jar" $x/portal17 >"$work/train-portal17.log" 2>&1
    JAVA=$JAVA25 scripts/extract-with-aot-cache.sh "$jar" $x/portal25 >"$work/train-portal25.log" 2>&1
    for v in 17:java:-XX:ArchiveClassesAtExit=app.jsa 25:$JAVA25:-XX:AOTCacheOutput=app.aot; do
      IFS=: read -r n j opt <<<"$v"
      rm -rf $x/bare$n && java -Djarmode=tools -jar $bare extract --destination $x/bare$n >/dev/null
      (cd $x/bare$n && "$j" "$opt" -Dspring.context.exit=onRefresh -jar bare-web-1.jar) >"$work/train-bare$n.log" 2>&1 || true
    done
    echo "$sum" >$x/source
  fi
  pj=$(basename "$jar")
  variants+=("portal-extracted|$x/portal17|java|${extra[*]} -jar $pj"
    "portal-cds17|$x/portal17|java|${extra[*]} -XX:SharedArchiveFile=app.jsa -jar $pj"
    "portal-aot25|$x/portal25|$JAVA25|${extra[*]} -XX:AOTCache=app.aot -jar $pj"
    "bare-cds17|$x/bare17|java|-XX:SharedArchiveFile=app.jsa -jar bare-web-1.jar"
    "bare-aot25|$x/bare25|$JAVA25|-XX:AOTCache=app.aot -jar bare-web-1.jar")
fi
# the first start migrates the database: not counted
run portal "$here" "$PORTAL_PORT" "http://localhost:$PORTAL_PORT/actuator/health" java -jar "$here/$jar" >/dev/null
printf '%-6s %-18s %9s %9s %8s\n' round variant seconds cpu_s RSS_MiB
for ((i = 1; i <= rounds; i++)); do
  for v in "${variants[@]}"; do
    IFS='|' read -r name dir j args <<<"$v"
    if [[ $name == bare* ]]; then port=$BARE_PORT url=http://localhost:$BARE_PORT/ping; else
      port=$PORTAL_PORT url=http://localhost:$PORTAL_PORT/actuator/health; fi
    # shellcheck disable=SC2086
    read -r s c m < <(run "$name" "$dir" "$port" "$url" "$j" $args)
    printf '%-6s %-18s %9.2f %9.2f %8s\n' "$i" "$name" "$s" "$c" "$m" | tee -a "$work/rounds"
  done
done
echo "means, and ratios to the bare app's plain jar (start-up seconds, CPU seconds, idle RSS):"
awk '{s[$2]+=$3; c[$2]+=$4; m[$2]+=$5; n[$2]++; if (!($2 in seen)) {seen[$2]=1; order[++k]=$2}}
  END {for (i = 1; i <= k; i++) {v=order[i]; printf "%-18s %7.2f s %7.2f cpu_s %6.0f MiB   %5.2fx %5.2fx %5.2fx\n", v,
    s[v]/n[v], c[v]/n[v], m[v]/n[v], (s[v]/n[v])/(s["bare"]/n["bare"]), (c[v]/n[v])/(c["bare"]/n["bare"]),
    (m[v]/n[v])/(m["bare"]/n["bare"])}}' "$work/rounds"
awk '{s[$2]+=$3; c[$2]+=$4; n[$2]++} END {printf "portal / bare-stack (the portal'"'"'s own share): %.2fx seconds, %.2fx CPU\n",
  (s["portal"]/n["portal"])/(s["bare-stack"]/n["bare-stack"]), (c["portal"]/n["portal"])/(c["bare-stack"]/n["bare-stack"])}' "$work/rounds"
