#!/usr/bin/env bash
# Audit trail benchmark at a million events (issue 4): append throughput, search p50/p95,
# export time and peak heap next to PostgreSQL's COPY, verification time.
#   bench/run-audit-benchmark.sh            # 1,000,000 events, heap capped at 512 MiB
#   EVENTS=200000 HEAP=64m bench/run-audit-benchmark.sh   # fewer events, a smaller heap
#   MODE=append bench/run-audit-benchmark.sh   # only the append rate: 1 vs 8 writers, the old chain
#                                              # lock vs leaves + the sequencer (issue 10), ratios
#                                              # in one run; APPENDS=4000 WORK_MS=2 by default
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$cp" bench/dev/tokenportal/audit/AuditBenchmark.java
exec java -Xmx"${HEAP:-512m}" -Devents="${EVENTS:-1000000}" -Dmode="${MODE:-all}" -Dappends="${APPENDS:-4000}" \
  -DworkMs="${WORK_MS:-2}" -cp "target/bench-classes:$cp" dev.tokenportal.audit.AuditBenchmark
