# Shell functions shared by the bench scripts that drive the production jar over HTTP
# (run-production-trial.sh, run-several-instances.sh). Source it from the repository root
# after setting:
#   PORTAL  the portal's address, e.g. http://localhost:8080
#   work    a directory for cookie jars and saved pages
# and optionally PORTAL_CURL_OPTS (an array of extra curl options for calls to the portal
# and through sign-in, e.g. --interface 127.0.0.3).
PORTAL_CURL_OPTS=("${PORTAL_CURL_OPTS[@]}")

bench_jar() { # → path of the production jar, built if missing
  local jar
  jar=$(ls target/token-portal-*.jar 2>/dev/null | head -1 || true)
  if [ -z "$jar" ]; then ./mvnw -B -q -DskipTests package >&2; jar=$(ls target/token-portal-*.jar | head -1); fi
  echo "$jar"
}

bench_classpath() { # compiles the test classes and the bench stand-ins → the classpath, in $bench_cp
  ./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
    -Dmdep.includeScope=test
  bench_cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
  mkdir -p target/bench-classes
  javac -d target/bench-classes -cp "$bench_cp" bench/dev/tokenportal/TrialStandIns.java
}

standins_start() { # [gitlab-port smtp-port] → GitLab sandbox and SMTP server in another JVM;
  # commands go to file descriptor 3 (TrialStandIns), the log is $work/standins.log, pid $standins
  mkfifo "$work/control"
  java -cp "target/bench-classes:$bench_cp" dev.tokenportal.TrialStandIns "$@" <"$work/control" >"$work/standins.log" 2>&1 &
  standins=$!
  exec 3>"$work/control"
  until grep -qs '^ready' "$work/standins.log"; do
    sleep 0.5
    if ! kill -0 "$standins" 2>/dev/null; then cat "$work/standins.log"; echo "stand-ins did not start"; return 1; fi
  done
}

pcurl() { curl "${PORTAL_CURL_OPTS[@]}" "$@"; }

login() { # user → cookie jar $work/$1, signed in through GitLab's OAuth flow
  local jar="$work/$1" loc
  loc=$(pcurl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$PORTAL/oauth2/authorization/gitlab")
  loc=$(pcurl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$loc&login_hint=$1")
  pcurl -s -c "$jar" -b "$jar" -o /dev/null "$loc"
}

csrf() { # user page → the CSRF token of the page's first form; headers in $work/csrf.headers
  pcurl -s -b "$work/$1" -D "$work/csrf.headers" "$PORTAL$2" | { grep -o 'name="_csrf" value="[^"]*"' || true; } | head -1 \
    | sed 's/.*value="//;s/"//'
}

post() { # user path data… → redirect location; the page in $work/last.html, headers in $work/last.headers
  local user=$1 path=$2 token; shift 2
  token=$(csrf "$user" "${CSRF_PAGE:-$path}")
  pcurl -s -b "$work/$user" -c "$work/$user" -o "$work/last.html" -D "$work/last.headers" -w '%{redirect_url}' \
    --data-urlencode "_csrf=$token" "$@" "$PORTAL$path"
}
