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
#   5. no token value in any e-mail, chat message, log line or database row.
# Needs: a local PostgreSQL on 127.0.0.1:5432 accepting user postgres (the machine's), curl.
#   bench/run-production-trial.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORTAL=http://localhost:8080
GITLAB=http://localhost:8929
jar=$(ls target/token-portal-*.jar 2>/dev/null | head -1 || true)
if [ -z "$jar" ]; then ./mvnw -B -q -DskipTests package; jar=$(ls target/token-portal-*.jar | head -1); fi
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$cp" bench/dev/tokenportal/TrialStandIns.java
work=$(mktemp -d)
echo "trial files in $work"
mkfifo "$work/control"
java -cp "target/bench-classes:$cp" dev.tokenportal.TrialStandIns <"$work/control" >"$work/standins.log" 2>&1 &
standins=$!
exec 3>"$work/control"
portal=
cleanup() { [ -n "$portal" ] && kill "$portal" 2>/dev/null; echo quit >&3 || true; wait 2>/dev/null || true; }
trap cleanup EXIT
until grep -q '^ready' "$work/standins.log"; do sleep 0.5; done

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

login() { # user → cookie jar $work/$1
  local jar="$work/$1" loc
  loc=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' $PORTAL/oauth2/authorization/gitlab)
  loc=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$loc&login_hint=$1")
  curl -s -c "$jar" -b "$jar" -o /dev/null "$loc"
}
csrf() { curl -s -b "$work/$1" "$PORTAL$2" | { grep -o 'name="_csrf" value="[^"]*"' || true; } | head -1 | sed 's/.*value="//;s/"//'; }
post() { # user path data… → redirect location
  local user=$1 path=$2 token; shift 2
  token=$(csrf "$user" "${CSRF_PAGE:-$path}")
  curl -s -b "$work/$user" -c "$work/$user" -o "$work/last.html" -w '%{redirect_url}' --data-urlencode "_csrf=$token" "$@" "$PORTAL$path"
}
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

echo "5. secrets"
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
