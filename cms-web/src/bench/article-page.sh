#!/usr/bin/env bash
# Load test of the public article page: the author node (embedded H2) against nginx serving the
# very same bytes from a file, side by side in one run, so the figure that matters is the ratio.
# Needs: built jars (mvn -B -q package -DskipTests), wrk and nginx (apt-get install -y wrk nginx-light).
# Usage: bash cms-web/src/bench/article-page.sh [articles=120] [seconds=15] [connections=50]
# Ports: CMS_BENCH_PORT (18080) and CMS_BENCH_NGINX_PORT (18081).
set -euo pipefail
cd "$(dirname "$0")/../../.."
ARTICLES=${1:-120}
SECONDS_EACH=${2:-15}
CONNECTIONS=${3:-50}
PORT=${CMS_BENCH_PORT:-18080}
NGINX_PORT=${CMS_BENCH_NGINX_PORT:-18081}
WORK=$(mktemp -d /tmp/cms-bench.XXXXXX)
JAR=cms-admin/target/cms-admin.jar
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "install wrk and nginx first" >&2; exit 2; }

cleanup() {
  [ -n "${NODE_PID:-}" ] && kill "$NODE_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

export CMS_DATA_DIR="$WORK/data" CMS_PORT=$PORT CMS_LOG_LEVEL=WARN
printf 'bench-password\n' | java -jar "$JAR" create-admin --username bench --password-stdin >/dev/null
java -Xmx512m -jar "$JAR" > "$WORK/node.log" 2>&1 &
NODE_PID=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 0.5; done

# Sign in and publish articles through the admin forms, as an editor would.
JAR_COOKIES="$WORK/cookies.txt"
token() { curl -fs -b "$JAR_COOKIES" -c "$JAR_COOKIES" "http://127.0.0.1:$PORT$1" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
T=$(token /admin/login)
curl -fs -o /dev/null -b "$JAR_COOKIES" -c "$JAR_COOKIES" --data-urlencode "csrf=$T" \
  --data-urlencode username=bench --data-urlencode password=bench-password "http://127.0.0.1:$PORT/admin/login"
T=$(token /admin/articles/new)
BODY=$(sed -n '5,40p' cms-admin/src/test/resources/reference/seed-article.txt)
SEED_START=$(date +%s)
for i in $(seq 1 "$ARTICLES"); do
  curl -fs -o /dev/null -b "$JAR_COOKIES" -c "$JAR_COOKIES" --data-urlencode "csrf=$T" \
    --data-urlencode "title=基准测试文章 $i" --data-urlencode "slug=bench-$i" --data-urlencode "body=$BODY" \
    --data-urlencode "topics=主题$((i % 7)), 主题$((i % 11))" --data-urlencode action=publish \
    "http://127.0.0.1:$PORT/admin/articles"
done

echo "published $ARTICLES articles through the admin in $(( $(date +%s) - SEED_START )) s" >&2
URL_PATH=/articles/bench-$((ARTICLES / 2))
mkdir -p "$WORK/www/articles"
curl -fs "http://127.0.0.1:$PORT$URL_PATH" > "$WORK/www$URL_PATH"
BYTES=$(wc -c < "$WORK/www$URL_PATH")
RELATED=$(grep -o '<li><a href="/articles/' "$WORK/www$URL_PATH" | wc -l)
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
chmod -R a+rX "$WORK/www"
nginx -c "$WORK/nginx.conf"
# Both must answer 200 with the very same bytes, or the comparison means nothing.
curl -fs "http://127.0.0.1:$NGINX_PORT$URL_PATH" | cmp -s - "$WORK/www$URL_PATH" \
  || { echo "nginx does not serve the page's bytes (see $WORK/nginx-error.log)" >&2; exit 1; }

run() { wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "$1" | tee "$WORK/$2.txt" >&2; }
echo "== warm-up" >&2
wrk -t2 -c"$CONNECTIONS" -d5s "http://127.0.0.1:$PORT$URL_PATH" > /dev/null
echo "== cms ($URL_PATH, $BYTES bytes, $RELATED related links, $ARTICLES articles)" >&2
run "http://127.0.0.1:$PORT$URL_PATH" cms
echo "== nginx, same bytes" >&2
run "http://127.0.0.1:$NGINX_PORT$URL_PATH" nginx

for side in cms nginx; do
  if grep -q 'Non-2xx' "$WORK/$side.txt"; then echo "$side answered errors under load; no figures" >&2; exit 1; fi
done
rps() { grep 'Requests/sec' "$WORK/$1.txt" | awk '{print $2}'; }
p99() { grep ' 99%' "$WORK/$1.txt" | awk '{print $2}'; }
CMS_RPS=$(rps cms); NGINX_RPS=$(rps nginx)
RSS_KB=$(ps -o rss= -p "$NODE_PID" | tr -d ' ')
echo
echo "article page: cms $CMS_RPS req/s (p99 $(p99 cms)), nginx $NGINX_RPS req/s (p99 $(p99 nginx))"
echo "ratio cms/nginx: $(awk -v a="$CMS_RPS" -v b="$NGINX_RPS" 'BEGIN { printf "%.3f", a / b }')"
echo "author node resident memory after the run: $((RSS_KB / 1024)) MiB"
