#!/usr/bin/env bash
# Several instances behind a real load balancer (issue 10): two instances of the production
# jar on one PostgreSQL database, behind HAProxy (round robin, no sticky sessions, health
# checks on /actuator/health/readiness), against the GitLab sandbox and an SMTP server in another
# process (bench/dev/tokenportal/TrialStandIns). Checks, each printed PASS or FAIL with its
# figures, run in the order 1, 3, 4, 2 (the requests of 1 and 3 lapse meanwhile):
#   1. sessions: signed in through HAProxy, 20 page loads alternate instances and all stay
#      signed in; a form rendered by one instance is posted, with its CSRF token, to the other;
#   2. scheduled jobs run once: every ShedLock acquisition is logged by a trigger (with the
#      instance, from the JDBC application name) and no job is ever held by both instances
#      at once; requests that lapse are lapsed once (one audit event) and reminded of once
#      (as many messages as their approval request); the audit chain is sealed without gaps;
#   3. per-user limits across instances: N+1 submissions alternating instances leave exactly
#      N accepted (open requests per user); a burst of previews in parallel on both instances
#      gets exactly the per-minute allowance (bucket4j in PostgreSQL);
#   4. kill -9 of the instance serving a Create-token press (GitLab made slow): after the
#      instance is back and reconciliation ran, GitLab holds exactly one active token of the
#      request or none, and the portal's state agrees; a second press then gives exactly one;
#   5. GitLab down: HAProxy checks /actuator/health/readiness, which leaves GitLab out, and keeps
#      both instances in while /actuator/health says DOWN (checking that instead would take
#      every instance out, and people would get HAProxy's 503 instead of the portal saying
#      that GitLab is down).
# Everything started is stopped on exit; logs, pages and the HAProxy configuration stay in
# the directory printed first.
# Needs: haproxy (apt-get install haproxy), a local PostgreSQL on 127.0.0.1:5432 accepting
# user postgres, curl, psql.
#   bench/run-several-instances.sh
#   LB_PORT=18080 P1_PORT=18081 P2_PORT=18082 GITLAB_PORT=18929 SMTP_PORT=13025 bench/run-several-instances.sh
set -euo pipefail
cd "$(dirname "$0")/.."
LB_PORT=${LB_PORT:-8080}
P1_PORT=${P1_PORT:-8081}
P2_PORT=${P2_PORT:-8082}
STATS_PORT=${STATS_PORT:-8404}
GITLAB_PORT=${GITLAB_PORT:-8929}
SMTP_PORT=${SMTP_PORT:-3025}
DB=${DB:-tp_instances}
PORTAL=http://localhost:$LB_PORT
GITLAB=http://localhost:$GITLAB_PORT
# curl's calls come from 127.0.0.3 and HAProxy's from 127.0.0.1: the portal must take the
# client from HAProxy's X-Forwarded-For to see 127.0.0.3
CLIENT_IP=127.0.0.3
PORTAL_CURL_OPTS=(--interface "$CLIENT_IP")

command -v haproxy >/dev/null || { echo "haproxy is not installed (apt-get install -y haproxy)"; exit 1; }
for port in $LB_PORT $P1_PORT $P2_PORT $STATS_PORT $GITLAB_PORT $SMTP_PORT; do
  if ss -Hltn "sport = :$port" | grep -q .; then echo "port $port is taken; choose others (see the header)"; exit 1; fi
done

work=$(mktemp -d)
echo "logs and pages in $work"
source bench/lib.sh
jar=$(bench_jar)
bench_classpath

declare -A pid=()
haproxy_pid=
standins=
cleanup() {
  local p
  [ -n "$haproxy_pid" ] && kill "$haproxy_pid" 2>/dev/null
  for p in "${pid[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$standins" ] && { echo quit >&3 || true; }
  wait 2>/dev/null || true
  echo "logs and pages in $work"
}
trap cleanup EXIT
standins_start "$GITLAB_PORT" "$SMTP_PORT"

sql() { psql -qAtX -h 127.0.0.1 -U postgres -d "$DB" -c "$1"; }
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

# Both instances get the same environment and settings; only the port differs, and the
# JDBC application name, which tells the bench which instance took a lock.
portal_env=(
  GITLAB_URL=$GITLAB GITLAB_CLIENT_ID=token-portal GITLAB_CLIENT_SECRET=sandbox-client-secret
  GITLAB_SERVICE_TOKEN=glpat-sandbox-portal-service
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DB SPRING_DATASOURCE_USERNAME=postgres
  SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=$SMTP_PORT PORTAL_MAIL_FROM=token-portal@example.test
  PORTAL_CHAT_WEBHOOK_URL=$GITLAB/-/sandbox/chat
  PORTAL_BASE_URL=$PORTAL PORTAL_ALLOWED_HOSTS=localhost PORTAL_TRUSTED_PROXIES=127.0.0.1/32
  PORTAL_GITLAB_WEBHOOK_SECRET=trial-webhook-secret-0123456789 PORTAL_ADMIN_USERNAMES=carol
  PORTAL_FINGERPRINT_KEY=trial-fingerprint-key-0123456789abcdef PORTAL_AUDIT_KEY=trial-audit-key-0123456789abcdef
  PORTAL_NOTIFICATIONS_RETRY_AFTER=PT5S PORTAL_NOTIFICATIONS_LAPSE_REMINDER_BEFORE=45s
)
OPEN_LIMIT=3
PREVIEW_LIMIT=4
portal_args=(
  --portal.limits.open-requests-per-user=$OPEN_LIMIT
  --portal.limits.previews-per-user-per-minute=$PREVIEW_LIMIT
  --portal.approvals.pending-lapse-after=75s
  --portal.approvals.lapse-check-interval=PT2S
  --portal.notifications.lapse-reminder-interval=PT2S
  --portal.issuance.reconcile-every=PT3S
  --portal.issuance.stuck-after=30s
)
declare -A port=([p1]=$P1_PORT [p2]=$P2_PORT)
start_instance() { # name
  env "${portal_env[@]}" java -Xmx512m -jar "$jar" --server.port="${port[$1]}" "${portal_args[@]}" \
    --spring.datasource.hikari.data-source-properties.ApplicationName="$1" >>"$work/$1.log" 2>&1 &
  pid[$1]=$!
}
wait_healthy() { # name
  local start
  start=$(date +%s)
  until curl -fs "http://127.0.0.1:${port[$1]}/actuator/health" >/dev/null; do
    sleep 1
    if ! kill -0 "${pid[$1]}" 2>/dev/null; then tail -40 "$work/$1.log"; echo "$1 did not start"; exit 1; fi
  done
  echo "   $1 (port ${port[$1]}, pid ${pid[$1]}) up in $(($(date +%s) - start)) s"
}

echo "starting two instances at once on a fresh database"
start_instance p1
start_instance p2
# Every take and release of a ShedLock lock, with the instance that did it. Installed as
# soon as Flyway has made the table; the jobs' first runs come seconds later.
until sql "SELECT 1 FROM shedlock LIMIT 0" >/dev/null 2>&1; do sleep 0.5; done
sql "CREATE TABLE bench_lock_log (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
       name TEXT NOT NULL, instance TEXT NOT NULL, taken BOOLEAN NOT NULL, lock_until TIMESTAMPTZ NOT NULL);
     CREATE FUNCTION bench_log_lock() RETURNS trigger LANGUAGE plpgsql AS \$\$
     BEGIN
       INSERT INTO bench_lock_log (name, instance, taken, lock_until) VALUES (NEW.name,
         current_setting('application_name'), TG_OP = 'INSERT' OR NEW.locked_at IS DISTINCT FROM OLD.locked_at,
         NEW.lock_until);
       RETURN NEW;
     END \$\$;
     CREATE TRIGGER bench_log_lock AFTER INSERT OR UPDATE ON shedlock FOR EACH ROW EXECUTE FUNCTION bench_log_lock();"
wait_healthy p1
wait_healthy p2
grep -h "Successfully applied\|Schema .* is up to date\|Migrating schema" "$work/p1.log" "$work/p2.log" | sed 's/^.*INFO/   /' || true

cat >"$work/haproxy.cfg" <<EOF
global
  maxconn 2000
defaults
  mode http
  option forwardfor
  timeout connect 2s
  timeout client 60s
  timeout server 60s
frontend portal
  bind 127.0.0.1:$LB_PORT
  default_backend portals
backend portals
  balance roundrobin
  # readiness leaves GitLab out: with GitLab down the portal still serves (check 5)
  option httpchk GET /actuator/health/readiness
  http-check expect status 200
  # which instance answered, for the bench only
  http-response set-header X-Served-By %s
  server p1 127.0.0.1:$P1_PORT check inter 1s fall 2 rise 2
  server p2 127.0.0.1:$P2_PORT check inter 1s fall 2 rise 2
frontend stats
  bind 127.0.0.1:$STATS_PORT
  stats enable
  stats uri /stats
EOF
haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
haproxy_pid=$!
lb() { # server column → that column of HAProxy's CSV statistics for the server (scur, status, …)
  curl -s "http://127.0.0.1:$STATS_PORT/stats;csv" | awk -F, -v s="$1" -v c="$2" \
    'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c || $i == "# " c) col = i } $1 == "portals" && $2 == s { print $col }'
}
wait_up() { # server
  local i
  for ((i = 0; i < 120; i++)); do [ "$(lb "$1" status)" = UP ] && return 0; sleep 0.5; done
  echo "HAProxy never saw $1 up"; exit 1
}
wait_up p1
wait_up p2
echo "HAProxy on $LB_PORT: p1 $(lb p1 status), p2 $(lb p2 status)"

served_by() { tr -d '\r' <"$1" | awk -F': ' 'tolower($1) == "x-served-by" { print $2 }'; }
failures=0
verdict() { # condition-exit-status name figures
  if [ "$1" -eq 0 ]; then echo "PASS $2: $3"; else echo "FAIL $2: $3"; failures=$((failures + 1)); fi
}
day() { date -u -d "+$1 days" +%F; }
form() { # target tokenName → the fields of a new request
  printf '%s\n' "target=$1" "tokenName=$2" scopes=read_api accessLevel=30 "expiresOn=$(day 30)" \
    "justification=several instances"
}
submit() { # user target tokenName [instance] → request id, or nothing when refused; with an instance,
  # the post goes to it: round robin sends the next call to the instance that did not render the form
  local args=() field token
  while read -r field; do args+=(--data-urlencode "$field"); done < <(form "$2" "$3")
  token=$(csrf "$1" /requests/new)
  if [ -n "${4:-}" ] && [ "$(served_by "$work/csrf.headers")" = "$4" ]; then pcurl -s -o /dev/null "$PORTAL/actuator/health"; fi
  pcurl -s -b "$work/$1" -c "$work/$1" -o "$work/last.html" -D "$work/last.headers" -w '%{redirect_url}' \
    --data-urlencode "_csrf=$token" "${args[@]}" "$PORTAL/requests/new" | { grep -o '/requests/[0-9a-f-]\{36\}$' || true; } \
    | sed 's|/requests/||'
}
short() { sql "SELECT short_id FROM token_request WHERE id = '$1'"; }
status() { sql "SELECT status FROM token_request WHERE id = '$1'"; }

echo
echo "1. sessions survive switching instances"
login alice
signed=0 switches=0 prev= order=
declare -A served=([p1]=0 [p2]=0)
for i in $(seq 20); do
  code=$(pcurl -s -b "$work/alice" -c "$work/alice" -D "$work/page.headers" -o "$work/page.html" -w '%{http_code}' "$PORTAL/")
  by=$(served_by "$work/page.headers"); by=${by:-none}
  served[$by]=$((${served[$by]:-0} + 1))
  if [ "$code" = 200 ] && grep -q 'id="logout"' "$work/page.html"; then signed=$((signed + 1)); fi
  [ -n "$prev" ] && [ "$by" != "$prev" ] && switches=$((switches + 1))
  prev=$by order+="$by "
done
r=0; { [ "$signed" = 20 ] && [ "${served[p1]}" -gt 0 ] && [ "${served[p2]}" -gt 0 ]; } || r=1
verdict $r "signed in on every page load" "$signed of 20 signed in; p1 served ${served[p1]}, p2 ${served[p2]}, $switches switches ($order)"

form_by= post_by= r1=
lapsing=
for try in 1 2 3 4; do
  token=$(csrf alice /requests/new)
  form_by=$(served_by "$work/csrf.headers")
  args=()
  while read -r field; do args+=(--data-urlencode "$field"); done < <(form project:11 lapse-me)
  loc=$(pcurl -s -b "$work/alice" -c "$work/alice" -o "$work/last.html" -D "$work/last.headers" -w '%{redirect_url}' \
    --data-urlencode "_csrf=$token" "${args[@]}" "$PORTAL/requests/new")
  post_by=$(served_by "$work/last.headers")
  r1=$(echo "$loc" | { grep -o '[0-9a-f-]\{36\}$' || true; })
  lapsing+=" $r1"
  [ "$form_by" != "$post_by" ] && break
  [ -n "$r1" ] && echo "   (form and post both on $post_by; request $r1 submitted anyway, trying again)"
done
r=0; { [ "$form_by" != "$post_by" ] && [ -n "$r1" ]; } || r=1
verdict $r "a form from one instance posts to the other" \
  "form rendered by $form_by, posted to $post_by: request ${r1:-none} $([ -n "$r1" ] && status "$r1")"
forged=$(pcurl -s -b "$work/alice" -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=forged" \
  --data-urlencode "target=project:11" "$PORTAL/requests/new")
r=0; [ "$forged" = 403 ] || r=1
verdict $r "a post with a wrong CSRF token is refused" "HTTP $forged"
client=$(sql "SELECT client_ip FROM audit_event WHERE request_id = '$r1' ORDER BY id LIMIT 1")
r=0; [ "$client" = "$CLIENT_IP" ] || r=1
verdict $r "the client address comes from HAProxy's X-Forwarded-For" \
  "audit event of the submission: client $client (curl from $CLIENT_IP, HAProxy from 127.0.0.1)"

echo
echo "3. per-user limits hold across instances"
login erin
accepted=0 refused=0 order=
for i in $(seq $((OPEN_LIMIT + 1))); do
  id=$(submit erin project:13 "limit-$i" "p$((2 - i % 2))")
  by=$(served_by "$work/last.headers")
  if [ -n "$id" ]; then
    accepted=$((accepted + 1)) order+="$by:accepted " lapsing+=" $id"
  elif grep -q "open requests, the most the portal allows" "$work/last.html"; then
    refused=$((refused + 1)) order+="$by:refused "
  else
    order+="$by:other "
  fi
done
r=0; { [ "$accepted" = "$OPEN_LIMIT" ] && [ "$refused" = 1 ]; } || r=1
verdict $r "open requests per user ($OPEN_LIMIT)" "$((OPEN_LIMIT + 1)) submissions: $accepted accepted, $refused refused ($order)"

# bob, who has not asked for a preview yet (a refused submission's form shows one, and counts)
login bob
burst=$((PREVIEW_LIMIT + 3))
preview="$PORTAL/requests/preview?target=project:11&tokenName=burst&scopes=read_api&accessLevel=30&expiresOn=$(day 30)"
t0=$(date +%s.%N)
burst_pids=()
for i in $(seq $burst); do
  pcurl -s -b "$work/bob" -D "$work/preview-$i.headers" -o /dev/null -w '%{http_code}\n' "$preview" >"$work/preview-$i.code" &
  burst_pids+=($!)
done
wait "${burst_pids[@]}" || true
elapsed=$(echo "$(date +%s.%N) - $t0" | bc)
ok=0 limited=0
declare -A pserved=([p1]=0 [p2]=0)
for i in $(seq $burst); do
  case $(cat "$work/preview-$i.code") in 200) ok=$((ok + 1)) ;; 429) limited=$((limited + 1)) ;; esac
  by=$(served_by "$work/preview-$i.headers"); by=${by:-none}
  pserved[$by]=$((${pserved[$by]:-0} + 1))
done
# the allowance refills one preview every 60/PREVIEW_LIMIT seconds
refills=$(echo "$elapsed / (60 / $PREVIEW_LIMIT)" | bc)
r=0; { [ "$ok" -ge "$PREVIEW_LIMIT" ] && [ "$ok" -le $((PREVIEW_LIMIT + refills)) ] && [ $((ok + limited)) = "$burst" ]; } || r=1
verdict $r "previews per user per minute ($PREVIEW_LIMIT), $burst at once" \
  "$ok answered, $limited refused (429) in $(printf %.1f "$elapsed") s; p1 served ${pserved[p1]}, p2 ${pserved[p2]}"

echo
echo "4. kill -9 of the instance serving a Create-token press"
r4=$(submit alice project:11 crash-test)
CSRF_PAGE=/requests/$r4 post bob "/requests/$r4/approve" >/dev/null
s4=$(short "$r4")
echo "   request $s4 $(status "$r4"); GitLab's create now takes 8 s"
echo "delay POST /api/v4/projects/*/access_tokens 8000" >&3
token=$(csrf alice "/requests/$r4")
pcurl -s -b "$work/alice" -o "$work/press.html" -w '%{http_code}' --max-time 60 --data-urlencode "_csrf=$token" \
  "$PORTAL/requests/$r4/create" >"$work/press.code" &
press=$!
victim=
for ((i = 0; i < 50; i++)); do
  [ -n "$victim" ] && break
  sleep 0.2
  for s in p1 p2; do [ "$(lb $s scur)" -gt 0 ] 2>/dev/null && victim=$s; done
done
if [ -z "$victim" ]; then echo "FAIL: HAProxy showed no instance serving the press"; exit 1; fi
# killed once the press has claimed the request and is waiting for GitLab's answer
for ((i = 0; i < 40; i++)); do [ "$(status "$r4")" = ISSUING ] && break; sleep 0.25; done
sleep 1
killed_status=$(status "$r4")
kill -9 "${pid[$victim]}"
killed_at=$(date +%s.%N)
wait "${pid[$victim]}" 2>/dev/null || true
wait "$press" || true
echo "   the press was being served by $victim; killed it while the request was $killed_status;" \
  "the browser got HTTP $(cat "$work/press.code")"
echo clear-faults >&3
start_instance "$victim"
wait_healthy "$victim"
wait_up "$victim"
for ((i = 0; i < 120; i++)); do
  case $(status "$r4") in ISSUING | ISSUE_UNKNOWN) sleep 1 ;; *) break ;; esac
done
api() { curl -s -H 'PRIVATE-TOKEN: glpat-sandbox-portal-service' "$@"; }
tokens() { # state → tokens of the request in GitLab in that state
  api "$GITLAB/api/v4/projects/11/access_tokens?state=$1" | { grep -o "tp-$s4)" || true; } | wc -l
}
after=$(status "$r4")
active=$(tokens active) inactive=$(tokens inactive)
recorded=$(sql "SELECT coalesce(gitlab_token_id::text, 'none') FROM token_request WHERE id = '$r4'")
settled=$(sql "SELECT string_agg(action || ' ×' || n, ', ') FROM (SELECT action, count(*) n, min(id) first FROM audit_event
  WHERE request_id = '$r4' AND action LIKE ANY (ARRAY['issuance.%', 'reconciliation.%']) GROUP BY action ORDER BY first) a")
r=0; { { [ "$after" = APPROVED ] && [ "$active" = 0 ]; } || { [ "$after" = ISSUED ] && [ "$active" = 1 ]; }; } || r=1
settled_after=$(sql "SELECT round(extract(epoch FROM occurred_at) - $killed_at) FROM audit_event
  WHERE request_id = '$r4' AND action = 'reconciliation.completed' ORDER BY id LIMIT 1")
settled_by=$(grep -l "Reconciliation settled" "$work/p1.log" "$work/p2.log" 2>/dev/null | xargs -r -n1 basename | sed 's/.log//' | xargs)
verdict $r "one token or none after reconciliation" "request $after (settled ${settled_after:-?} s after the kill, by ${settled_by:-?});\
 GitLab lists $active active and $inactive inactive token(s) of it; recorded token $recorded; audit: $settled"
if [ "$after" = APPROVED ]; then
  CSRF_PAGE=/requests/$r4 post alice "/requests/$r4/create" >/dev/null
  again=$(status "$r4")
  recorded=$(sql "SELECT coalesce(gitlab_token_id::text, 'none') FROM token_request WHERE id = '$r4'")
  listed=$(api "$GITLAB/api/v4/projects/11/access_tokens?state=active" | { grep -o "\"id\":$recorded,[^}]*tp-$s4)" || true; } | wc -l)
  r=0; { [ "$again" = ISSUED ] && [ "$(tokens active)" = 1 ] && [ "$listed" = 1 ]; } || r=1
  verdict $r "pressing again gives exactly one token" \
    "request $again with token $recorded; GitLab holds $(tokens active) active token(s) of it, the recorded one $listed"
fi

echo
echo "2. each scheduled job runs once"
echo "   waiting for the $(echo $lapsing | wc -w) requests submitted in 1 and 3 to lapse (75 s after submission)"
for ((i = 0; i < 150; i++)); do
  [ "$(sql "SELECT count(*) FROM token_request WHERE status = 'PENDING_APPROVAL'")" = 0 ] && break
  sleep 1
done
sleep 5
inbox=$(curl -s "$GITLAB/-/sandbox/inbox")
printf '%s' "$inbox" >"$work/inbox.html"
count() { printf '%s' "$inbox" | { grep -o "$1" || true; } | wc -l; }
bad=0 figures=
for id in $lapsing; do
  s=$(short "$id")
  lapsed=$(sql "SELECT count(*) FROM audit_event WHERE request_id = '$id' AND action = 'request.lapsed'")
  reminders=$(sql "SELECT count(*) FROM request_lapse_reminder WHERE request_id = '$id'")
  asked=$(( $(count "$s: @[a-z]* asks for a token") + $(count "($s); an Owner") ))
  reminded=$(( $(count "$s: lapses at") + $(count "The request $s of @") ))
  { [ "$(status "$id")" = LAPSED ] && [ "$lapsed" = 1 ] && [ "$reminders" = 1 ] && [ "$reminded" = "$asked" ] \
    && [ "$asked" -gt 0 ]; } || bad=$((bad + 1))
  figures+="$s $(status "$id"), $lapsed lapse event(s), $reminded reminder message(s) for $asked approval message(s); "
done
r=0; { [ "$bad" = 0 ] && [ -n "$lapsing" ]; } || r=1
verdict $r "each lapsing request lapsed and reminded of once" "$figures"

IFS='|' read -r unsealed events maxseq distinct < <(sql "SELECT count(*) FILTER (WHERE seq IS NULL), count(*),
  coalesce(max(seq), 0), count(DISTINCT seq) FROM audit_event")
r=0; { [ "$unsealed" = 0 ] && [ "$maxseq" = "$events" ] && [ "$distinct" = "$events" ]; } || r=1
verdict $r "the audit chain is sealed once, without gaps" \
  "$events events, sequence 1..$maxseq, $distinct distinct, $unsealed awaiting sealing"

# A lock taken while another instance still held it (its lock not released and not yet
# expired) would be a job running twice at once.
sql "WITH e AS (SELECT name, instance, at, taken, lock_until,
                       lag(taken) OVER w AS prev_taken, lag(instance) OVER w AS prev_instance,
                       lag(lock_until) OVER w AS prev_until
                FROM bench_lock_log WINDOW w AS (PARTITION BY name ORDER BY id))
     SELECT name, count(*) FILTER (WHERE taken AND instance = 'p1'), count(*) FILTER (WHERE taken AND instance = 'p2'),
            count(*) FILTER (WHERE taken AND prev_taken AND prev_until > at),
            count(*) FILTER (WHERE taken AND prev_taken AND prev_until <= at)
     FROM e GROUP BY name ORDER BY name" >"$work/locks.txt"
overlaps=0
while IFS='|' read -r name by1 by2 overlap expired; do
  printf '   %-26s runs on p1 %5d, on p2 %5d; taken while held %d; taken after an unreleased lock expired %d\n' \
    "$name" "$by1" "$by2" "$overlap" "$expired"
  overlaps=$((overlaps + overlap))
done <"$work/locks.txt"
both=$(awk -F'|' '$2 > 0 && $3 > 0' "$work/locks.txt" | wc -l)
r=0; { [ "$overlaps" = 0 ] && [ -s "$work/locks.txt" ]; } || r=1
verdict $r "no job ever held by both instances at once" \
  "$(wc -l <"$work/locks.txt") jobs, $(sql "SELECT count(*) FROM bench_lock_log WHERE taken") runs logged, $both jobs ran on both instances, $overlaps overlaps"
distinct_by=$(sql "SELECT count(DISTINCT locked_by) FROM shedlock")
echo "   (shedlock.locked_by names host and process: $distinct_by distinct value(s) for two instances on one host)"

echo
echo "5. GitLab down"
echo "fail GET /api/v4/version 503" >&3
sleep 12 # the overall health is cached for 10 s
health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$P1_PORT/actuator/health")
readiness=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$P1_PORT/actuator/health/readiness")
sleep 3
page=$(pcurl -s -b "$work/alice" -o /dev/null -w '%{http_code}' "$PORTAL/requests")
r=0; { [ "$health" = 503 ] && [ "$(lb p1 status)" = UP ] && [ "$(lb p2 status)" = UP ] && [ "$page" = 200 ]; } || r=1
verdict $r "both instances stay in while GitLab is down" "/actuator/health $health, readiness $readiness;\
 HAProxy: p1 $(lb p1 status), p2 $(lb p2 status); My requests through HAProxy: HTTP $page"
echo clear-faults >&3

echo
echo "errors in the instances' logs: p1 $(grep -c ' ERROR ' "$work/p1.log" || true), p2 $(grep -c ' ERROR ' "$work/p2.log" || true)"
[ "$failures" = 0 ] && echo "ALL CHECKS PASSED" || echo "$failures CHECK(S) FAILED"
exit $((failures > 0))
