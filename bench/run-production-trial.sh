#!/usr/bin/env bash
# Trial of the production jar with notifications (issue 8's "done when"), outside the test
# suite: the jar runs as in production (environment variables, a PostgreSQL server, SMTP and
# a chat webhook), against stand-ins in another process (bench/dev/tokenportal/TrialStandIns:
# the GitLab sandbox on 8929, which also takes chat messages, and an SMTP server on 3025).
# It drives the portal over HTTP as alice (requester), bob (Owner) and carol (Owner, admin):
#   1. a standard request reaches both Owners by e-mail and chat;
#   2. bob's approval reaches alice;
#   3. with the mail server down, a second request's e-mails arrive once it is back;
#   4. a token expiring in 5 days: GitLab's expiry webhook reaches alice;
#   5. a token requested for delivery lands in its CI/CD variable, masked and hidden, and is never
#      shown; a delivery into a key that is taken leaves no token behind;
#   6. no token value in any e-mail, chat message, log line or database row.
# Needs: a local PostgreSQL on 127.0.0.1:5432 accepting user postgres (the machine's), curl.
#   bench/run-production-trial.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORTAL=http://localhost:8080
GITLAB=http://localhost:8929
work=$(mktemp -d)
echo "trial files in $work"
source bench/lib.sh
jar=$(bench_jar)
bench_classpath
portal=
cleanup() { [ -n "$portal" ] && kill "$portal" 2>/dev/null; echo quit >&3 || true; wait 2>/dev/null || true; }
trap cleanup EXIT
standins_start

psql -q -h 127.0.0.1 -U postgres -d postgres -c 'DROP DATABASE IF EXISTS tp_trial' -c 'CREATE DATABASE tp_trial'
GITLAB_URL=$GITLAB GITLAB_CLIENT_ID=token-portal GITLAB_CLIENT_SECRET=sandbox-client-secret \
GITLAB_SERVICE_TOKEN=glpat-sandbox-portal-service \
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/tp_trial SPRING_DATASOURCE_USERNAME=postgres \
SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=3025 PORTAL_MAIL_FROM=token-portal@example.test \
PORTAL_CHAT_WEBHOOK_URL=$GITLAB/-/sandbox/chat PORTAL_BASE_URL=$PORTAL \
PORTAL_GITLAB_WEBHOOK_SECRET=trial-webhook-secret-0123456789 PORTAL_ADMIN_USERNAMES=carol \
PORTAL_FINGERPRINT_KEY=trial-fingerprint-key-0123456789abcdef PORTAL_AUDIT_KEY=trial-audit-key-0123456789abcdef \
PORTAL_NOTIFICATIONS_RETRY_AFTER=PT5S \
  java -Xmx512m -jar "$jar" --server.port=8080 >"$work/portal.log" 2>&1 &
portal=$!
start=$(date +%s)
until curl -fs $PORTAL/actuator/health >/dev/null; do
  sleep 1
  if ! kill -0 $portal 2>/dev/null; then tail -40 "$work/portal.log"; echo "portal did not start"; exit 1; fi
done
echo "portal up in $(( $(date +%s) - start )) s"

inbox() { curl -s "$GITLAB/-/sandbox/inbox"; }
count() { inbox | { grep -o "$1" || true; } | wc -l; }
waitfor() { # pattern minimum seconds
  local i
  for ((i = 0; i < $3 * 2; i++)); do [ "$(count "$1")" -ge "$2" ] && return 0; sleep 0.5; done
  return 1
}
submit() { # name expiresOn → request id
  CSRF_PAGE=/requests/new post alice /requests/new --data-urlencode "target=project:11" \
    --data-urlencode "tokenName=$1" --data-urlencode "scopes=read_api" --data-urlencode "accessLevel=30" \
    --data-urlencode "expiresOn=$2" --data-urlencode "justification=production trial" | sed 's|.*/requests/||'
}
for u in alice bob carol; do login $u; done
day() { date -u -d "+$1 days" +%F; }

echo "1. submit a standard request"
t0=$(date +%s.%N)
id=$(submit trial-one "$(day 30)")
echo "   request $id"
waitfor "trial-one" 3 30 && echo "   mail and chat for trial-one after $(echo "$(date +%s.%N) - $t0" | bc) s" \
  || echo "   FAILED: messages for trial-one: $(count trial-one)"
inbox >"$work/inbox-1.html"

echo "2. bob approves"
CSRF_PAGE=/requests/$id post bob "/requests/$id/approve" >/dev/null
waitfor "To alice@example.test" 1 30 && echo "   alice told of the approval" || echo "   FAILED: no approval message"

echo "3. mail server down for 20 s, a second request meanwhile"
echo mail-stop >&3; sleep 1
id2=$(submit trial-two "$(day 30)")
sleep 20
echo mail-start >&3
waitfor "trial-two" 3 60 && echo "   second request's messages arrived after the mail server came back" \
  || echo "   FAILED: messages for trial-two: $(count trial-two)"
sleep 12
echo "   messages naming trial-two (mail to bob and carol, chat): $(count trial-two)"

echo "4. a token expiring in 5 days, and GitLab's expiry webhook"
CSRF_PAGE=/admin/webhooks post carol /admin/webhooks/groups/100 >/dev/null
echo "   hooks registered in GitLab: $(curl -s -H 'PRIVATE-TOKEN: glpat-sandbox-portal-service' $GITLAB/api/v4/groups/100/hooks | grep -o '"url"' | wc -l)"
id3=$(submit trial-three "$(day 5)")
CSRF_PAGE=/requests/$id3 post bob "/requests/$id3/approve" >/dev/null
waitfor "${id3:0:8}: approved" 1 30 || echo "   FAILED: no approval message for trial-three"
to_alice=$(count "To alice@example.test")
CSRF_PAGE=/requests/$id3 post alice "/requests/$id3/create" >/dev/null
grep -o 'glpat-[A-Za-z0-9_.-]*' "$work/last.html" | head -1 >"$work/shown-value" || true
echo "   created page showed a value: $(wc -c <"$work/shown-value") bytes"
curl -s -X POST "$GITLAB/-/sandbox/expiring-token-webhooks" >"$work/webhooks.json"
echo "   webhook deliveries: $(cat "$work/webhooks.json" | head -c 300)"
waitfor "To alice@example.test" $((to_alice + 1)) 30 && echo "   alice told of the expiry: $(inbox | grep -o "E-mail: [^<]*${id3:0:8}[^<]*" | head -1)" \
  || echo "   FAILED: no expiry message to alice"

echo "5. delivery into a CI/CD variable of platform/frontend/web, where alice is Maintainer"
api() { curl -s -H 'PRIVATE-TOKEN: glpat-sandbox-portal-service' "$@"; }
deliver() { # name key → request id
  CSRF_PAGE=/requests/new post alice /requests/new --data-urlencode "target=project:13" \
    --data-urlencode "tokenName=$1" --data-urlencode "scopes=read_api" --data-urlencode "accessLevel=30" \
    --data-urlencode "expiresOn=$(day 30)" --data-urlencode "justification=production trial" \
    --data-urlencode "delivery=variable" --data-urlencode "variableKey=$2" --data-urlencode "environmentScope=*" \
    --data-urlencode "variableProtected=true" --data-urlencode "variableHidden=true" | sed 's|.*/requests/||'
}
id4=$(deliver trial-four TRIAL_TOKEN)
CSRF_PAGE=/requests/$id4 post bob "/requests/$id4/approve" >/dev/null
CSRF_PAGE=/requests/$id4 post alice "/requests/$id4/create" >/dev/null
grep -q 'id="token-delivered"' "$work/last.html" && echo "   the created page says where the token went" || echo "   FAILED: no delivered page"
echo "   glpat- values on that page: $({ grep -o 'glpat-[A-Za-z0-9_.-]*' "$work/last.html" || true; } | wc -l)"
echo "   GitLab's variable: $(api "$GITLAB/api/v4/projects/13/variables/TRIAL_TOKEN" | head -c 300)"
api -X POST "$GITLAB/api/v4/projects/13/variables" --data-urlencode key=TAKEN_KEY --data-urlencode value=someone-elses-value >/dev/null
id5=$(deliver trial-five TAKEN_KEY)
CSRF_PAGE=/requests/$id5 post bob "/requests/$id5/approve" >/dev/null
CSRF_PAGE=/requests/$id5 post alice "/requests/$id5/create" >/dev/null
echo "   key taken: the request page says: $(curl -s -b "$work/alice" "$PORTAL/requests/$id5" | grep -o 'CI/CD variable TAKEN_KEY[^<]*' | head -1)"
echo "   active GitLab tokens of that request: $(api "$GITLAB/api/v4/projects/13/access_tokens?state=active" | { grep -o "tp-${id5:0:8}" || true; } | wc -l)"
echo "   TAKEN_KEY still holds its own value: $(api "$GITLAB/api/v4/projects/13/variables/TAKEN_KEY" | grep -o '"value":"[^"]*"')"

echo "6. secrets"
inbox >"$work/inbox.html"
pg_dump -h 127.0.0.1 -U postgres tp_trial >"$work/db.sql"
echo tokens >&3; sleep 1
grep -o 'glpat-[A-Za-z0-9_.-]*' "$work/standins.log" | grep -v 'glpat-sandbox-portal-service' | sort -u >"$work/values"
echo "   token values GitLab issued: $(wc -l <"$work/values")"
leaks=0
while read -r v; do
  for f in inbox.html portal.log db.sql; do
    if grep -qF "$v" "$work/$f"; then echo "   LEAK: a token value in $f"; leaks=$((leaks + 1)); fi
  done
done <"$work/values"
echo "   leaks: $leaks"
echo "   e-mails: $(inbox | grep -c 'class="mail"' || true), inbox page saved in $work/inbox.html"
