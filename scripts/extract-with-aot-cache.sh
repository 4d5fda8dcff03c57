#!/usr/bin/env bash
# The production jar in Spring Boot's extracted layout, with the JVM's class cache from a
# training run beside it, for running outside a container (issue 10; in the image the Paketo
# buildpack does the same, pom.xml <image>). On Java 25 or later the cache is an AOT cache
# (JEP 483/514), before that a CDS archive. Either is only valid for the same JVM and the same
# jars: rebuild it after every build or JDK update.
#   scripts/extract-with-aot-cache.sh [jar] [destination]      (default: target/token-portal-*.jar, target/extracted)
# then start the portal as the script prints at the end.
# The training run starts the application context and stops before serving (Spring's
# -Dspring.context.exit=onRefresh). It needs no database, GitLab or secrets: Flyway is off and
# Hibernate does not ask the database anything (dialect given), as in the image build.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:-$(ls target/token-portal-*.jar | head -1)}
dest=${2:-target/extracted}
java=${JAVA:-java}
rm -rf "$dest"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dest"
app=$(basename "$jar")
version=$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
if [ "${version%%.*}" -ge 25 ]; then
	cache=(-XX:AOTCacheOutput=app.aot) use="-XX:AOTCache=app.aot"
else
	cache=(-XX:ArchiveClassesAtExit=app.jsa) use="-XX:SharedArchiveFile=app.jsa"
fi
# placeholders only: the training run validates its configuration but sends nothing anywhere
(cd "$dest" && env GITLAB_URL=http://gitlab.invalid GITLAB_CLIENT_ID=training GITLAB_CLIENT_SECRET=training-secret \
	GITLAB_SERVICE_TOKEN=training-token SPRING_DATASOURCE_URL=jdbc:postgresql://db.invalid:5432/portal \
	SPRING_DATASOURCE_USERNAME=training PORTAL_FINGERPRINT_KEY=training-fingerprint-key-0123456789abcdef \
	PORTAL_AUDIT_KEY=training-audit-key-0123456789abcdef \
	"$java" "${cache[@]}" -Dspring.context.exit=onRefresh -Dspring.flyway.enabled=false \
	-Dspring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect \
	-Dspring.jpa.hibernate.ddl-auto=none -Dspring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false \
	-jar "$app") || true
# the training run's exit status is not a verdict (it stops the JVM on purpose); the cache is
[ -s "$dest/${use#*=}" ] || { echo "training run wrote no ${use#*=}" >&2; exit 1; }
echo "start with:  cd $dest && $java $use -jar $app"
