#!/usr/bin/env bash
# Trial of the API and its CLI on the production jar (issue 12's "done when"), outside the test
# suite: the jar runs as in production (environment variables, the machine's PostgreSQL, a fresh
# database tp_api_trial) against stand-ins in another process (bench/dev/tokenportal/TrialStandIns:
# the GitLab sandbox and an SMTP server). With only alice's GitLab personal access token in an
# environment variable, scripts/token-portal
#   1. submits a request whose token goes into a CI/CD variable of platform/frontend/web;
#   2. waits, while bob (an Owner) approves it in headless Chromium
#      (bench/dev/tokenportal/BrowserApproval: signs in through the sandbox's OAuth page and
#      clicks Approve on the request page);
#   3. creates the token, delivered into the variable;
#   4. the sandbox's API shows the variable, masked and hidden, holding a token GitLab issued;
#   5. no token value in the CLI's output, the portal's log or a dump of the database.
# Then the API's latency next to the page's for the same action, in the same run: submit
# (POST /api/v1/requests vs the form's POST /requests/new) and status (GET /api/v1/requests/ID
# vs the request page), N sequential calls each, interleaved, as p50/p95 and the ratio.
#   bench/run-api-trial.sh [calls per action, default 50]
# Ports (other runs may share the machine): portal API_TRIAL_PORT (8280), GitLab sandbox
# API_TRIAL_GITLAB_PORT (8939), SMTP API_TRIAL_SMTP_PORT (3035).
# Needs: a local PostgreSQL on 127.0.0.1:5432 accepting user postgres, curl, jq, pg_dump,
# Chromium and chromedriver at /usr/bin.
set -euo pipefail
cd "$(dirname "$0")/.."
calls=${1:-50}
port=${API_TRIAL_PORT:-8280}
gitlab_port=${API_TRIAL_GITLAB_PORT:-8939}
smtp_port=${API_TRIAL_SMTP_PORT:-3035}
PORTAL=http://localhost:$port
GITLAB=http://localhost:$gitlab_port
work=$(mktemp -d)
echo "trial files in $work"
source bench/lib.sh
jar=$(bench_jar)
bench_classpath
javac -d target/bench-classes -cp "$bench_cp" bench/dev/tokenportal/BrowserApproval.java
portal=
cleanup() { [ -n "$portal" ] && kill "$portal" 2>/dev/null; echo quit >&3 || true; wait 2>/dev/null || true; }
trap cleanup EXIT
standins_start "$gitlab_port" "$smtp_port"

psql -q -h 127.0.0.1 -U postgres -d postgres -c 'DROP DATABASE IF EXISTS tp_api_trial' -c 'CREATE DATABASE tp_api_trial'
# The limits are raised only so the latency part's 2×N submissions of one user are not refused.
GITLAB_URL=$GITLAB GITLAB_CLIENT_ID=token-portal GITLAB_CLIENT_SECRET=sandbox-client-secret \
GITLAB_SERVICE_TOKEN=glpat-sandbox-portal-service \
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/tp_api_trial SPRING_DATASOURCE_USERNAME=postgres \
SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=$smtp_port PORTAL_MAIL_FROM=token-portal@example.test \
PORTAL_BASE_URL=$PORTAL \
PORTAL_FINGERPRINT_KEY=api-trial-fingerprint-key-0123456789abcdef PORTAL_AUDIT_KEY=api-trial-audit-key-0123456789abcdef \
  java -Xmx512m -jar "$jar" --server.port="$port" \
  --portal.limits.open-requests-per-user=$((4 * calls + 10)) --portal.limits.tokens-per-user-per-hour=100 \
  >"$work/portal.log" 2>&1 &
portal=$!
start=$(date +%s)
until curl -fs -o /dev/null "$PORTAL/actuator/health"; do
  sleep 1
  if ! kill -0 $portal 2>/dev/null; then tail -40 "$work/portal.log"; echo "portal did not start"; exit 1; fi
done
echo "portal up in $(( $(date +%s) - start )) s"

failures=0
step() { # name condition-exit-code detail
  if [ "$2" -eq 0 ]; then echo "PASS  $1${3:+: $3}"; else echo "FAIL  $1${3:+: $3}"; failures=$((failures + 1)); fi
}
sandbox() { curl -s -H 'PRIVATE-TOKEN: glpat-sandbox-portal-service' "$@"; }

# Only these two are given to the CLI: the portal's address and alice's GitLab token.
cli() { env -i PATH="$PATH" TOKEN_PORTAL_URL="$PORTAL" TOKEN_PORTAL_GITLAB_TOKEN=glpat-sandbox-alice scripts/token-portal "$@"; }

echo "--- the CLI with alice's GitLab token; bob approves in Chromium"
set +e
cli request --target project:13 --name api-trial --scopes read_api --level 30 \
  --expires "$(date -u -d '+30 days' +%F)" --justification "API trial: the deploy job reads the registry" \
  --variable API_TRIAL_TOKEN --protected >"$work/cli-request.out" 2>"$work/cli-request.err"
rc=$?
id=$(head -1 "$work/cli-request.out")
step "1. token-portal request (delivery into API_TRIAL_TOKEN)" $rc "request $id, $(cat "$work/cli-request.err")"

t0=$(date +%s.%N)
cli wait "$id" --interval 1 --timeout 120 >"$work/cli-wait.out" 2>"$work/cli-wait.err" &
waiter=$!
sleep 2
kill -0 $waiter 2>/dev/null
step "2a. token-portal wait blocks while the request is pending" $? "still waiting after 2 s"
java -cp "target/bench-classes:$bench_cp" dev.tokenportal.BrowserApproval "$PORTAL" bob "$id" >"$work/browser.out" 2>"$work/browser.err"
step "2b. bob approves in headless Chromium" $? "$(tail -1 "$work/browser.out")"
wait $waiter
rc=$?
step "2c. token-portal wait returns once approved" $rc \
  "$(cat "$work/cli-wait.out") after $(printf '%.1f' "$(echo "$(date +%s.%N) - $t0" | bc)") s"

cli create "$id" --to-variable API_TRIAL_TOKEN >"$work/cli-create.out" 2>"$work/cli-create.err"
step "3. token-portal create --to-variable" $? "$(cat "$work/cli-create.out" "$work/cli-create.err")"
cli create "$id" --to-variable API_TRIAL_TOKEN >"$work/cli-retry.out" 2>"$work/cli-retry.err"
step "3b. a retried create (same Idempotency-Key) gives the first answer again" $? "$(cat "$work/cli-retry.out" "$work/cli-retry.err")"

variable=$(sandbox "$GITLAB/api/v4/projects/13/variables/API_TRIAL_TOKEN")
echo "$variable" >"$work/variable.json"
jq -e '.key == "API_TRIAL_TOKEN" and .masked == true and .hidden == true and .protected == true and .value == null' \
  "$work/variable.json" >/dev/null
step "4a. GitLab has API_TRIAL_TOKEN, masked, hidden, protected" $? "$(jq -c '{key, masked, hidden, protected, environment_scope, value}' "$work/variable.json")"
tokens=$(sandbox "$GITLAB/api/v4/projects/13/access_tokens?state=active" | jq -r --arg p "tp-${id:0:8}" '[.[] | select(.name | contains($p))] | length')
[ "$tokens" = 1 ]
step "4b. one active project token made for the request" $? "$tokens"

echo tokens >&3; sleep 1
grep -o 'glpat-[A-Za-z0-9_.-]*' "$work/standins.log" | grep -v 'glpat-sandbox-' | sort -u >"$work/values" || true
pg_dump -h 127.0.0.1 -U postgres tp_api_trial >"$work/db.sql"
cat "$work"/cli-*.out "$work"/cli-*.err >"$work/cli-all.txt"
leaks=0
while read -r v; do
  for f in cli-all.txt portal.log db.sql browser.out; do
    if grep -qF "$v" "$work/$f"; then echo "      a token value in $f"; leaks=$((leaks + 1)); fi
  done
done <"$work/values"
[ -s "$work/values" ] && [ "$leaks" = 0 ]
step "5. no token value in the CLI's output, the portal log or the database" $? \
  "$(wc -l <"$work/values") value(s) GitLab issued, $leaks found; dump $(wc -c <"$work/db.sql") bytes"
set -e

echo "--- latency: the API next to the page, $calls sequential calls each, interleaved"
login alice
csrf_token=$(csrf alice /requests/new)
[ -n "$csrf_token" ] || { echo "no CSRF token on the form"; exit 1; }
expires=$(date -u -d '+20 days' +%F)
api_submit() { # n → time; low tier, granted at once
  curl -s -o "$work/api.json" -w '%{http_code} %{time_total}\n' -H 'Authorization: Bearer glpat-sandbox-alice' \
    -H 'Content-Type: application/json' \
    --data "{\"target\":\"project:11\",\"tokenName\":\"api-$1\",\"scopes\":[\"read_api\"],\"accessLevel\":20,
             \"expiresOn\":\"$expires\",\"justification\":\"latency trial\"}" "$PORTAL/api/v1/requests"
}
form_submit() {
  pcurl -s -b "$work/alice" -c "$work/alice" -o /dev/null -w '%{http_code} %{time_total}\n' \
    --data-urlencode "_csrf=$csrf_token" --data-urlencode "target=project:11" --data-urlencode "tokenName=form-$1" \
    --data-urlencode "scopes=read_api" --data-urlencode "accessLevel=20" --data-urlencode "expiresOn=$expires" \
    --data-urlencode "justification=latency trial" "$PORTAL/requests/new"
}
api_status() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'Authorization: Bearer glpat-sandbox-alice' "$PORTAL/api/v1/requests/$id"; }
page_status() { pcurl -s -b "$work/alice" -o /dev/null -w '%{http_code} %{time_total}\n' "$PORTAL/requests/$id"; }
# warm-up: the JIT, the caches, and the API's one-minute cache of alice's token
for i in $(seq 1 10); do api_status >/dev/null; page_status >/dev/null; done
for i in $(seq 1 "$calls"); do
  api_submit "$i" >>"$work/api-submit"; form_submit "$i" >>"$work/form-submit"
  api_status >>"$work/api-status"; page_status >>"$work/page-status"
done
uptime | sed 's/^/machine: /'
pct() { # file percentile → milliseconds
  awk '{print $2 * 1000}' "$1" | sort -n | awk -v p="$2" '{v[NR] = $1} END {i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; printf "%.1f", v[i]}'
}
statuses() { awk '{print $1}' "$1" | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}'; }
printf '%-8s %-34s %9s %9s   %-30s %9s %9s   %8s %8s\n' action api p50ms p95ms page p50ms p95ms "p50 a/p" "p95 a/p"
row() { # action api-file api-label page-file page-label
  local a50 a95 p50 p95
  a50=$(pct "$work/$2" 50); a95=$(pct "$work/$2" 95); p50=$(pct "$work/$4" 50); p95=$(pct "$work/$4" 95)
  printf '%-8s %-34s %9s %9s   %-30s %9s %9s   %8.2f %8.2f\n' "$1" "$3" "$a50" "$a95" "$5" "$p50" "$p95" \
    "$(echo "$a50 / $p50" | bc -l)" "$(echo "$a95 / $p95" | bc -l)"
}
row submit api-submit "POST /api/v1/requests" form-submit "POST /requests/new (form)"
row status api-status "GET /api/v1/requests/{id}" page-status "GET /requests/{id} (page)"
echo "answers: api submit $(statuses "$work/api-submit")| form $(statuses "$work/form-submit")| api status $(statuses "$work/api-status")| page $(statuses "$work/page-status")"
echo "steps failed: $failures"
[ "$failures" = 0 ]
