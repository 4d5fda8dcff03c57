#!/usr/bin/env bash
# Notification benchmark (issue 8): time from Submit to the Owner's e-mail arriving on a
# local SMTP server (GreenMail in the same JVM), p50/p95, and the submit's own latency with
# notifications on and off, each as a ratio to an anchor measured in the same run (a
# direct SMTP send of a comparable message to the same server).
#   bench/run-notify-benchmark.sh              # 200 measured submits per set-up
#   SUBMITS=50 bench/run-notify-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$cp" bench/dev/tokenportal/notifications/NotifyBenchmark.java
exec java -Dsubmits="${SUBMITS:-200}" -cp "target/bench-classes:$cp" dev.tokenportal.notifications.NotifyBenchmark
