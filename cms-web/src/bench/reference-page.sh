#!/usr/bin/env bash
# Load test of the reference article page (cms-admin/src/test/resources/reference/seed-article.txt,
# its 100 相关内容 entries imported as articles, so the page shows 100 related links): the author
# node answering it uncached (page cache off), from its page cache, and 304 to a conditional GET,
# each against nginx serving the very same bytes (200, and 304 to its own ETag) in the same run,
# on the embedded H2 database and/or on a fresh PostgreSQL database. The figures that matter are
# the ratios: the machines are shared.
# Needs: built jars (mvn -B -q package -DskipTests), wrk and nginx (apt-get install -y wrk nginx-light),
# for postgres a server that lets CMS_BENCH_PG_USER create databases (createdb, dropdb).
# Usage: bash cms-web/src/bench/reference-page.sh [h2|postgres|both] [seconds=15] [connections=16]
# Environment: CMS_BENCH_PORT (18080) and CMS_BENCH_NGINX_PORT (18081); CMS_BENCH_PG_HOST
# (127.0.0.1), CMS_BENCH_PG_PORT (5432), CMS_BENCH_PG_USER (postgres), CMS_BENCH_PG_DATABASE
# (cms_bench_reference: created for the run, refused if it exists, dropped after);
# CMS_BENCH_JAVA_OPTS (extra node JVM options, e.g. a flight recording); CMS_BENCH_KEEP=1 keeps the
# temporary folder (logs, wrk output, the page).
set -euo pipefail
cd "$(dirname "$0")/../../.."
DATABASES=${1:-h2}
SECONDS_EACH=${2:-15}
CONNECTIONS=${3:-16}
PORT=${CMS_BENCH_PORT:-18080}
NGINX_PORT=${CMS_BENCH_NGINX_PORT:-18081}
PG_HOST=${CMS_BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${CMS_BENCH_PG_PORT:-5432}
PG_USER=${CMS_BENCH_PG_USER:-postgres}
PG_DATABASE=${CMS_BENCH_PG_DATABASE:-cms_bench_reference}
JAR=cms-admin/target/cms-admin.jar
SEED=cms-admin/src/test/resources/reference/seed-article.txt
case "$DATABASES" in
  h2) DATABASES="h2" ;; postgres) DATABASES="postgres" ;; both) DATABASES="h2 postgres" ;;
  *) echo "usage: $0 [h2|postgres|both] [seconds] [connections]" >&2; exit 2 ;;
esac
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "install wrk and nginx first" >&2; exit 2; }
WORK=$(mktemp -d /tmp/cms-bench.XXXXXX)
PG_CREATED=

stop_node() {
  if [ -n "${NODE_PID:-}" ]; then
    kill "$NODE_PID" 2>/dev/null || true
    wait "$NODE_PID" 2>/dev/null || true
    NODE_PID=
  fi
}
cleanup() {
  stop_node
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  [ -n "$PG_CREATED" ] && dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$PG_DATABASE" 2>/dev/null || true
  [ -n "${CMS_BENCH_KEEP:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "stopped at line $LINENO" >&2' ERR

# The pages import-html reads: the reference page, and one short page titled as each related entry.
mkdir -p "$WORK/pages"
cp "$SEED" "$WORK/pages/seed-article.txt"
RELATED_TITLES=$(sed -n '/^相关内容:/,$p' "$SEED" | sed '1d' | grep -v -e '^\s*$' -e '^To Top$')
i=0
while IFS= read -r title; do
  i=$((i + 1))
  printf '%s\n\n发布时间:2024-05-%02d 10:00:00\n\n%s的说明。\n' "$title" $((i % 27 + 1)) "$title" > "$WORK/pages/related-$i.txt"
done <<< "$RELATED_TITLES"

start_node() { # $1: page cache on (true/false)
  CMS_PAGE_CACHE_ENABLED=$1 java -Xmx512m ${CMS_BENCH_JAVA_OPTS:-} -jar "$JAR" > "$WORK/node-$DB-$1.log" 2>&1 &
  NODE_PID=$!
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null "http://127.0.0.1:$PORT$URL_PATH" 2>/dev/null && return 0
    kill -0 "$NODE_PID" 2>/dev/null || break
    sleep 0.5
  done
  echo "the node did not answer $URL_PATH (see $WORK/node-$DB-$1.log)" >&2
  tail -20 "$WORK/node-$DB-$1.log" >&2
  exit 1
}

# wrk into $WORK/<name>.txt; refuses figures when any answer had another status than expected.
run() { # $1 name, $2 url, [$3 If-None-Match]
  local header=()
  [ -n "${3:-}" ] && header=(-H "If-None-Match: $3")
  local cpu_before
  cpu_before=$(node_cpu_ticks)
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "${header[@]}" "$2" > "$WORK/$1.txt"
  echo $(( $(node_cpu_ticks) - cpu_before )) > "$WORK/$1.cpu"
  if grep -q 'Non-2xx' "$WORK/$1.txt"; then
    echo "$1 answered errors under load; no figures" >&2; cat "$WORK/$1.txt" >&2; exit 1
  fi
}
# The node's CPU time (user and system, in clock ticks): per request it is a figure that other
# load on a shared machine changes far less than requests per second.
node_cpu_ticks() { awk '{print $14 + $15}' "/proc/$NODE_PID/stat"; }
cpu_per_request() { # milliseconds of node CPU per answer of run $1
  awk -v t="$(cat "$WORK/$1.cpu")" -v hz="$(getconf CLK_TCK)" '/requests in/ { printf "%.2f", 1000 * t / hz / $1 }' "$WORK/$1.txt"
}
rps() { grep 'Requests/sec' "$WORK/$1.txt" | awk '{print $2}'; }
p99() { grep ' 99%' "$WORK/$1.txt" | awk '{print $2}'; }
# 304 runs: wrk does not tell statuses apart (3xx is not an error to it), so a conditional GET
# must answer 304, and what the run read must average under 1 KB a request (the page is 30 KB).
all_304() { # $1 name, $2 url, $3 etag
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $3" "$2")
  [ "$status" = 304 ] || { echo "$1: a conditional GET answered $status, not 304" >&2; exit 1; }
  awk '/requests in/ { n = $1; v = $5 + 0; u = $5
         f = (u ~ /KB$/) ? 1024 : (u ~ /MB$/) ? 1048576 : (u ~ /GB$/) ? 1073741824 : 1
         if (n == 0 || v * f / n >= 1024) { print FILENAME ": bodies were sent"; exit 1 } }' "$WORK/$1.txt" >&2 \
    || exit 1
}
# Warm-up until the JIT is done with the page: 5 s rounds until one answers within 10 % of the rate of
# the one before (at most a minute). A fixed 5 s left an uncached node compiling through the run,
# its compiler threads' CPU counted in the figures.
warm_up() {
  local before=0 now
  for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do
    now=$(wrk -t2 -c"$CONNECTIONS" -d5s "$1" | awk '/Requests\/sec/ {print int($2)}')
    if [ "$before" -gt 0 ] && [ $(( now * 10 )) -ge $(( before * 9 )) ] && [ $(( now * 10 )) -le $(( before * 11 )) ]; then
      return 0
    fi
    before=$now
  done
}
etag_of() { curl -fs -D - -o /dev/null "$1" | tr -d '\r' | awk 'tolower($1) == "etag:" {print $2}'; }

cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
}
NGINX
# nginx's workers run as an unprivileged user: they must be able to read the page (mktemp -d is 0700).
chmod 755 "$WORK"

RESULTS=()
for DB in $DATABASES; do
  export CMS_DATA_DIR="$WORK/data-$DB" CMS_PORT=$PORT CMS_LOG_LEVEL=WARN
  unset CMS_DB_URL CMS_DB_USER CMS_DB_MIGRATE
  if [ "$DB" = postgres ]; then
    createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$PG_DATABASE" \
      || { echo "cannot create database $PG_DATABASE (set CMS_BENCH_PG_DATABASE to a new name)" >&2; exit 1; }
    PG_CREATED=1
    export CMS_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DATABASE" CMS_DB_USER=$PG_USER CMS_DB_MIGRATE=true
  fi
  java -jar "$JAR" import-html "$WORK/pages" > "$WORK/import-$DB.txt" 2>&1 \
    || { cat "$WORK/import-$DB.txt" >&2; exit 1; }
  # wrk takes only ASCII URLs: the slug (Chinese) percent-encoded, as a browser sends it.
  URL_PATH=$(grep -o 'seed-article.txt: imported as /articles/[^ ]*' "$WORK/import-$DB.txt" | sed 's/.* as //' \
    | perl -pe 'chomp; s/([^A-Za-z0-9\/._~-])/sprintf("%%%02X", ord($1))/ge')
  [ -n "$URL_PATH" ] || { cat "$WORK/import-$DB.txt" >&2; echo "the reference page was not imported" >&2; exit 1; }
  URL="http://127.0.0.1:$PORT$URL_PATH"
  NGINX_URL="http://127.0.0.1:$NGINX_PORT$URL_PATH"

  start_node false
  # nginx decodes the path: its file has the slug's own name.
  PAGE="$WORK/www$(printf '%b' "$(sed 's/%/\\x/g' <<< "$URL_PATH")")"
  rm -rf "$WORK/www"; mkdir -p "$(dirname "$PAGE")"
  curl -fs "$URL" > "$PAGE"
  chmod -R a+rX "$WORK/www"
  BYTES=$(wc -c < "$PAGE")
  RELATED=$(grep -c '<li><a href="/articles/' "$PAGE" || true)
  [ -f "$WORK/nginx.pid" ] || nginx -c "$WORK/nginx.conf"
  # Both must answer 200 with the very same bytes, or the comparison means nothing.
  curl -fs "$NGINX_URL" | cmp -s - "$PAGE" \
    || { echo "nginx does not serve the page's bytes (see $WORK/nginx-error.log)" >&2; exit 1; }
  echo "== $DB: $URL_PATH, $BYTES bytes, $RELATED related links" >&2
  warm_up "$URL"
  run "$DB-uncached" "$URL"
  run "$DB-nginx-uncached" "$NGINX_URL"
  stop_node

  start_node true
  curl -fs "$URL" | cmp -s - "$PAGE" \
    || { curl -fs "$URL" > "$WORK/cached.html"; echo "the cached page differs from the uncached one: diff $PAGE $WORK/cached.html" >&2; exit 1; }
  warm_up "$URL"
  run "$DB-cached" "$URL"
  run "$DB-nginx-cached" "$NGINX_URL"
  ETAG=$(etag_of "$URL"); NGINX_ETAG=$(etag_of "$NGINX_URL")
  run "$DB-304" "$URL" "$ETAG"; all_304 "$DB-304" "$URL" "$ETAG"
  run "$DB-nginx-304" "$NGINX_URL" "$NGINX_ETAG"; all_304 "$DB-nginx-304" "$NGINX_URL" "$NGINX_ETAG"
  RSS_KB=$(ps -o rss= -p "$NODE_PID" | tr -d ' ')
  stop_node

  for mode in uncached cached 304; do
    RESULTS+=("$(printf '%-9s %-9s %10s %8s %8s %10s %8s %7s' "$DB" "$mode" "$(rps "$DB-$mode")" "$(p99 "$DB-$mode")" \
      "$(cpu_per_request "$DB-$mode")" "$(rps "$DB-nginx-$mode")" "$(p99 "$DB-nginx-$mode")" \
      "$(awk -v a="$(rps "$DB-$mode")" -v b="$(rps "$DB-nginx-$mode")" 'BEGIN { printf "%.3f", a / b }')")")
  done
  RESULTS+=("$(printf '%-9s node resident memory after the cached runs: %d MiB' "$DB" $((RSS_KB / 1024)))")
  if [ "$DB" = postgres ]; then
    dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$PG_DATABASE"; PG_CREATED=
  fi
done

echo
echo "reference article page ($BYTES bytes, $RELATED related links), wrk -t2 -c$CONNECTIONS -d${SECONDS_EACH}s each"
printf '%-9s %-9s %10s %8s %8s %10s %8s %7s\n' database answer "cms rps" "cms p99" "CPU ms" "nginx rps" "p99" ratio
printf '%s\n' "${RESULTS[@]}"
