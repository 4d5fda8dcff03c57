#!/usr/bin/env bash
# Create-token press benchmark (issue 3): 20 concurrent requesters against the GitLab
# sandbox, median and p95 of the press next to the sandbox's own create time.
#   bench/run-create-benchmark.sh            # 10 measured rounds of 20 presses
#   ROUNDS=3 bench/run-create-benchmark.sh
#   LATENCY=100 bench/run-create-benchmark.sh   # every GitLab call 100 ms slower, as a real one
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$cp" bench/dev/tokenportal/issuance/CreatePressBenchmark.java
exec java -Drounds="${ROUNDS:-10}" -Dlatency="${LATENCY:-0}" -cp "target/bench-classes:$cp" dev.tokenportal.issuance.CreatePressBenchmark
