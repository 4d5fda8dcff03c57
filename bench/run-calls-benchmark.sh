#!/usr/bin/env bash
# GitLab calls per page view as what an Owner owns grows (issue 10): an Owner of 1, 100,
# 1,000 and 5,000 projects views /approvals, / and /requests/new; the GitLab sandbox counts
# the calls, first with the portal's caches empty, then for a second view at once.
#   bench/run-calls-benchmark.sh
#   OWNED=1,2000 bench/run-calls-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$cp" bench/dev/tokenportal/approvals/CallsPerPageBenchmark.java
exec java -Downed="${OWNED:-1,100,1000,5000}" -cp "target/bench-classes:$cp" dev.tokenportal.approvals.CallsPerPageBenchmark
