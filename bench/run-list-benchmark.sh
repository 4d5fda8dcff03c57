#!/usr/bin/env bash
# List pages at 5,000 rows (issue 10): first-page time of My requests, My tokens, the
# approval queue, the home page and the inventory, next to a trivial endpoint in the same
# run, plus EXPLAIN ANALYZE of each list's query.
#   bench/run-list-benchmark.sh              # 5,000 rows a list, 200 measured views a page
#   ROWS=20000 VIEWS=100 bench/run-list-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$cp" bench/dev/tokenportal/requests/ListBenchmark.java
exec java -Drows="${ROWS:-5000}" -Dviews="${VIEWS:-200}" -cp "target/bench-classes:$cp" \
  dev.tokenportal.requests.ListBenchmark
