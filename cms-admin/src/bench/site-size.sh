#!/usr/bin/env bash
# Does size slow pages down? Serves a generated site of SMALL articles (1,000) and one of LARGE
# articles (100,000; 2,000 topics, 3 topics each: GenerateArchive.java) side by side, page cache and
# search off, and prints for each page kind the uncached throughput and latency on both sites and
# the ratio large/small (1.0: size costs nothing), on H2 and on PostgreSQL, from one run. Each kind
# is measured on both sites back to back, so load from elsewhere on the machine hits both alike.
#
# The sites are made once and kept (importing 100,000 articles takes minutes): H2 data directories
# under $CMS_BENCH_DATA (default /tmp/cms-size-bench), PostgreSQL databases cms_size_bench_<n>
# (created with createdb, dropped at the end unless KEEP_DATA=1). Remove the directory to start over.
# Needs: built jars (mvn -B -q package -DskipTests), wrk, curl; for PostgreSQL psql, createdb and a
# server ($PGHOST, default 127.0.0.1, user postgres). SKIP_POSTGRES=1 or SKIP_H2=1 leave one out.
# CMS_BENCH_JAR: another build of cms-admin.jar to measure (a before/after comparison).
# Ports: $CMS_BENCH_PORT and the next one (default 18200, 18201).
# Usage: bash cms-admin/src/bench/site-size.sh [seconds per measurement=5] [connections=4] [small=1000] [large=100000]
set -euo pipefail
cd "$(dirname "$0")/../../.."
SECONDS_EACH=${1:-5}
CONNECTIONS=${2:-4}
SMALL=${3:-1000}
LARGE=${4:-100000}
TOPICS=2000
PORT=${CMS_BENCH_PORT:-18200}
DATA=${CMS_BENCH_DATA:-/tmp/cms-size-bench}
PGHOST=${PGHOST:-127.0.0.1}
JAR=${CMS_BENCH_JAR:-cms-admin/target/cms-admin.jar}
DB_JAR=db/target/cms-db.jar
[ -f "$JAR" ] && [ -f "$DB_JAR" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
command -v wrk >/dev/null || { echo "install wrk first" >&2; exit 2; }
mkdir -p "$DATA"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -z "${SKIP_POSTGRES:-}" ] && [ -z "${KEEP_DATA:-}" ]; then
    for n in "$SMALL" "$LARGE"; do
      psql -q -h "$PGHOST" -U postgres -c "DROP DATABASE IF EXISTS cms_size_bench_$n WITH (FORCE)" postgres >/dev/null 2>&1 || true
    done
  fi
}
trap cleanup EXIT

# archive N: the generated archive of N articles, made once.
archive() {
  [ -f "$DATA/site-$1.zip" ] || java cms-admin/src/bench/GenerateArchive.java "$DATA/site-$1.zip" "$1" "$TOPICS" >&2
  echo "$DATA/site-$1.zip"
}

# prepare DB N: imports the archive of N articles into the database's site unless it is there.
prepare() {
  local db=$1 n=$2 start
  start=$(date +%s)
  if [ "$db" = h2 ]; then
    [ -f "$DATA/h2-$n/cms.mv.db" ] && return
    local zip; zip=$(archive "$n")
    CMS_DATA_DIR="$DATA/h2-$n" java -Xmx1g -jar "$JAR" import "$zip" > "$DATA/import-h2-$n.log" 2>&1
  else
    if psql -h "$PGHOST" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'cms_size_bench_$n'" postgres | grep -q 1; then
      return
    fi
    local zip; zip=$(archive "$n")
    createdb -h "$PGHOST" -U postgres "cms_size_bench_$n"
    CMS_DB_URL="jdbc:postgresql://$PGHOST:5432/cms_size_bench_$n" CMS_DB_USER=postgres CMS_DB_PASSWORD= \
      java -jar "$DB_JAR" migrate > /dev/null
    CMS_DATA_DIR="$DATA/pg-$n" CMS_DB_URL="jdbc:postgresql://$PGHOST:5432/cms_size_bench_$n" CMS_DB_USER=postgres \
      CMS_DB_PASSWORD= java -Xmx1g -jar "$JAR" import "$zip" > "$DATA/import-pg-$n.log" 2>&1
    psql -q -h "$PGHOST" -U postgres -c "VACUUM ANALYZE" "cms_size_bench_$n"
  fi
  echo "$db: imported $n articles in $(( $(date +%s) - start )) s" >&2
}

# serve DB N PORT: starts a node on that site (page cache and search off); prints its pid.
serve() {
  local db=$1 n=$2 port=$3
  local env=(CMS_PORT="$port" CMS_LOG_LEVEL=WARN CMS_PAGE_CACHE_ENABLED=false CMS_SEARCH_ENABLED=false)
  if [ "$db" = h2 ]; then
    env+=(CMS_DATA_DIR="$DATA/h2-$n")
  else
    env+=(CMS_DATA_DIR="$DATA/pg-$n" CMS_DB_URL="jdbc:postgresql://$PGHOST:5432/cms_size_bench_$n" CMS_DB_USER=postgres
      CMS_DB_PASSWORD= CMS_DB_MIGRATE=true)
  fi
  env "${env[@]}" java -Xmx512m -jar "$JAR" > "$DATA/node-$db-$n.log" 2>&1 &
  echo $!
}

wait_up() {
  for _ in $(seq 1 600); do curl -fs -o /dev/null "http://127.0.0.1:$1/" && return; sleep 0.5; done
  echo "node on port $1 did not start" >&2; exit 1
}

# measure URL: "requests/s average-latency-ms" under wrk, after a warm-up; refuses errors.
measure() {
  wrk -t1 -c"$CONNECTIONS" -d2s "$1" > /dev/null
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" "$1")
  if grep -q 'Non-2xx' <<<"$out"; then echo "errors from $1" >&2; echo "0 0"; return; fi
  awk '/Requests\/sec/ {rps=$2} /Latency/ {l=$2; if (l ~ /us$/) ms=l/1000; else if (l ~ /ms$/) ms=l+0; else ms=l*1000}
       END {printf "%.0f %.1f\n", rps, ms}' <<<"$out"
}

PAGES=("home /" "page-40 /page/40" "month /archive/2020/01" "topic /topics/topic-17" "article /articles/article-500"
  "feed /feed.xml" "sitemap /sitemap.xml")
DATABASES=()
[ -z "${SKIP_H2:-}" ] && DATABASES+=(h2)
[ -z "${SKIP_POSTGRES:-}" ] && DATABASES+=(postgresql)
for db in "${DATABASES[@]}"; do
  prepare "$db" "$SMALL"
  prepare "$db" "$LARGE"
  small_pid=$(serve "$db" "$SMALL" "$PORT"); PIDS+=("$small_pid")
  large_pid=$(serve "$db" "$LARGE" $((PORT + 1))); PIDS+=("$large_pid")
  wait_up "$PORT"; wait_up $((PORT + 1))
  echo "== $db: uncached, wrk -c$CONNECTIONS ${SECONDS_EACH}s; $SMALL vs $LARGE articles"
  printf '%-8s %24s %24s %8s\n' page "$SMALL: req/s (avg ms)" "$LARGE: req/s (avg ms)" ratio
  for entry in "${PAGES[@]}"; do
    read -r kind path <<<"$entry"
    read -r s_rps s_ms < <(measure "http://127.0.0.1:$PORT$path")
    read -r l_rps l_ms < <(measure "http://127.0.0.1:$((PORT + 1))$path")
    printf '%-8s %24s %24s %8s\n' "$kind" "$s_rps ($s_ms)" "$l_rps ($l_ms)" \
      "$(awk -v a="$l_rps" -v b="$s_rps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
  done
  kill "$small_pid" "$large_pid"; wait "$small_pid" "$large_pid" 2>/dev/null || true
done
