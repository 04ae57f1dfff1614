#!/usr/bin/env bash
# What durable commits cost on the embedded database: the author node takes article saves through
# the admin form (wrk, one connection and then eight) on the default H2 URL, where every commit
# reaches the file before the editor sees 303, and on the same URL with H2's own write delay (commits
# written up to half a second later, lost on kill -9), side by side in one run, plus PostgreSQL for
# reference (SKIP_POSTGRES=1 to leave it out). The figure that matters is the ratio. For H2 it also
# prints how much the database file grew per save while the node ran (durable commits append every
# commit to the end of the file; the space is given back when the node stops).
# Needs: built jars (mvn -B -q package -DskipTests), wrk (apt-get install -y wrk), for PostgreSQL a
# server at 127.0.0.1:5432 (user postgres, trust) and psql.
# Usage: bash cms-admin/src/bench/durable-saves.sh [seconds=10]
set -euo pipefail
cd "$(dirname "$0")/../../.."
SECONDS_EACH=${1:-10}
PORT=18090
WORK=$(mktemp -d /tmp/cms-bench-saves.XXXXXX)
JAR=cms-admin/target/cms-admin.jar
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
command -v wrk >/dev/null || { echo "install wrk first" >&2; exit 2; }
H2_OPTIONS=';MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE'
PG_DB=cms_bench_saves_$$

cleanup() {
  [ -n "${NODE_PID:-}" ] && kill "$NODE_PID" 2>/dev/null || true
  [ -n "${PG_CREATED:-}" ] && psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" postgres || true
}
trap cleanup EXIT

cat > "$WORK/save.lua" <<'LUA'
-- Each request saves a new article through the admin form, with the session's cookie and CSRF token.
local n = 0
local thread_id = 0
local counter = 0
function setup(thread) counter = counter + 1; thread:set("id", counter) end
function init(args) thread_id = id end
function request()
  n = n + 1
  local body = "csrf=" .. os.getenv("CSRF") .. "&title=bench+" .. thread_id .. "-" .. n ..
    "&body=%23%23+%E7%AC%AC%E4%B8%80%E6%AD%A5%0A%0A%E6%AD%A3%E6%96%87&topics=bench&action=publish"
  return wrk.format("POST", "/admin/articles", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = os.getenv("COOKIE")
  }, body)
end
LUA

# Runs one node with the given environment, signs in, and loads the save form: prints saves/s.
measure() {
  local name=$1; shift
  local data="$WORK/$name"
  ( export CMS_DATA_DIR="$data" CMS_PORT=$PORT CMS_LOG_LEVEL=WARN CMS_SEARCH_ENABLED=false "$@"
    printf 'bench-password\n' | java -jar "$JAR" create-admin --username bench --password-stdin >/dev/null
    exec java -Xmx512m -jar "$JAR" > "$WORK/$name.log" 2>&1 ) &
  NODE_PID=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 0.5; done
  local jar="$WORK/$name.cookies"
  token() { curl -fs -b "$jar" -c "$jar" "http://127.0.0.1:$PORT$1" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
  local before=0; [ -f "$data/cms.mv.db" ] && before=$(stat -c %s "$data/cms.mv.db")
  local t; t=$(token /admin/login)
  curl -fs -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$t" \
    --data-urlencode username=bench --data-urlencode password=bench-password "http://127.0.0.1:$PORT/admin/login"
  t=$(token /admin/articles/new)
  local cookie; cookie=$(awk '$6 ~ /^cms_/ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")
  for c in 1 8; do
    CSRF=$t COOKIE=$cookie wrk -t1 -c$c -d"${SECONDS_EACH}s" -s "$WORK/save.lua" "http://127.0.0.1:$PORT" > "$WORK/$name-$c.txt" 2>&1 \
      || { echo "wrk failed:" >&2; cat "$WORK/$name-$c.txt" >&2; exit 1; }
    # A save answers 303; a 4xx (an expired token, a refused form) means these are not figures of saves.
    if grep -q 'Non-2xx or 3xx' "$WORK/$name-$c.txt"; then
      echo "$name answered errors under load (see $WORK/$name-$c.txt); no figures" >&2; exit 1
    fi
    echo "$name c=$c $(grep 'Requests/sec' "$WORK/$name-$c.txt" | awk '{print $2}')"
  done
  if [ -f "$data/cms.mv.db" ]; then
    local saves; saves=$(cat "$WORK/$name-1.txt" "$WORK/$name-8.txt" | awk '/requests in/ { n += $1 } END { print n }')
    echo "$name file growth $(( ($(stat -c %s "$data/cms.mv.db") - before) / saves )) bytes per save ($saves saves)"
  fi
  kill "$NODE_PID"; wait "$NODE_PID" 2>/dev/null || true; NODE_PID=
}

{
  measure durable
  measure delayed CMS_DB_URL="jdbc:h2:file:$WORK/delayed/cms$H2_OPTIONS" CMS_DB_USER=sa CMS_DB_MIGRATE=true
  if [ -z "${SKIP_POSTGRES:-}" ]; then
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $PG_DB" postgres; PG_CREATED=1
    measure postgres CMS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$PG_DB" CMS_DB_USER=postgres CMS_DB_MIGRATE=true
  fi
} | tee "$WORK/figures.txt"

rate() { awk -v k="$1 c=$2" '$0 ~ "^" k " " { print $3 }' "$WORK/figures.txt"; }
grep 'file growth' "$WORK/figures.txt" | sed 's/^/H2 /'
for c in 1 8; do
  echo "saves/s, $c connection(s): durable H2 $(rate durable $c), H2 with write delay $(rate delayed $c)$( [ -z "${SKIP_POSTGRES:-}" ] && echo ", PostgreSQL $(rate postgres $c)"); durable/delayed $(awk -v a="$(rate durable $c)" -v b="$(rate delayed $c)" 'BEGIN { printf "%.2f", a / b }')"
done
