#!/usr/bin/env bash
# Large import benchmark: generates an archive of ARTICLES articles without the server
# (GenerateArchive.java), then imports it with a bounded heap into a fresh embedded H2 database and
# into a fresh PostgreSQL database, printing elapsed time, articles/s and the peak RSS of each run.
# Needs: built jars (mvn -B -q package -DskipTests), /usr/bin/time; for PostgreSQL, psql and a server
# (PGHOST, default 127.0.0.1; user postgres). Set SKIP_POSTGRES=1 to run H2 only.
# Usage: bash cms-admin/src/bench/import-100k.sh [articles=100000] [topics=2000, at least 132] [heap=512m]
set -euo pipefail
cd "$(dirname "$0")/../../.."
ARTICLES=${1:-100000}
TOPICS=${2:-2000}
HEAP=${3:-512m}
JAR=cms-admin/target/cms-admin.jar
DB_JAR=db/target/cms-db.jar
[ -f "$JAR" ] && [ -f "$DB_JAR" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
WORK=$(mktemp -d /tmp/cms-import-bench.XXXXXX)
PGHOST=${PGHOST:-127.0.0.1}
PGDB=cms_import_bench_$$
cleanup() {
  if [ -z "${SKIP_POSTGRES:-}" ]; then psql -q -h "$PGHOST" -U postgres -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" postgres >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "generating $ARTICLES articles over $TOPICS topics..."
java cms-admin/src/bench/GenerateArchive.java "$WORK/site.zip" "$ARTICLES" "$TOPICS"

# run LABEL: imports the archive with the current CMS_* settings and reports the figures.
run() {
  local label=$1
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$WORK/time-$label.txt" java -Xmx"$HEAP" -jar "$JAR" import "$WORK/site.zip" \
    > "$WORK/out-$label.txt" 2> "$WORK/err-$label.txt" || { cat "$WORK/out-$label.txt" "$WORK/err-$label.txt" >&2; exit 1; }
  end=$(date +%s.%N)
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time-$label.txt")
  sed 's/^/    /' "$WORK/out-$label.txt"
  # When the content committed, and the last progress line of the related lists after it.
  grep -h 'content committed' "$WORK/err-$label.txt" | sed "s/^/    [$label] /" || true
  grep -h 'related lists' "$WORK/err-$label.txt" | tail -1 | sed "s/^/    [$label] /" || true
  awk -v l="$label" -v s="$start" -v e="$end" -v n="$ARTICLES" -v r="$rss" -v h="$HEAP" 'BEGIN {
    printf "%s: %d articles in %.1f s = %.0f articles/s, max RSS %.0f MB (heap -Xmx%s)\n", l, n, e - s, n / (e - s), r / 1024, h }'
}

echo "== H2 (embedded, fresh data directory)"
export CMS_DATA_DIR="$WORK/h2" CMS_LOG_LEVEL=WARN
run h2

if [ -z "${SKIP_POSTGRES:-}" ]; then
  echo "== PostgreSQL ($PGHOST, fresh database $PGDB)"
  psql -q -h "$PGHOST" -U postgres -c "CREATE DATABASE $PGDB" postgres
  export CMS_DATA_DIR="$WORK/pg" CMS_DB_URL="jdbc:postgresql://$PGHOST:5432/$PGDB" CMS_DB_USER=postgres CMS_DB_PASSWORD=
  java -jar "$DB_JAR" migrate > /dev/null
  run postgresql
fi
