#!/usr/bin/env bash
# Real-browser end-to-end check of Tasklist and the embedded forms, of the
# 督办看板 Cockpit plugin, and of the supervision forms (延期申请, 挂牌督办, 红牌约谈).
#
# Builds the jar if it is missing, installs the pinned playwright-core if needed,
# starts the app (demo profile) on a free port with a fresh H2 database in a temp
# directory, waits for /actuator/health to be UP, runs tasklist.e2e.mjs,
# cockpit.e2e.mjs and supervision.e2e.mjs against it with the system Chromium, and
# always stops the app again. Exits non-zero if any script failed; the closing line
# adds up the scripts' "e2e: N passed, M failed". Screenshots go to docs/screenshots/.
#
# Needs: Java 17, Maven (only to build a missing or outdated jar), Node.js >= 20, and
# Chromium with CJK fonts: apt-get install chromium fonts-noto-cjk (chromium-l10n too,
# for Chinese date pickers in the screenshots)
#
# Env: E2E_PORT (default: a free port), E2E_CHROMIUM (default /usr/bin/chromium),
# E2E_DEMO_PASSWORD (default demo), E2E_KEEP_LOG=1 keeps the temp directory
# with the app log, E2E_SCRIPTS (default "tasklist.e2e.mjs cockpit.e2e.mjs
# supervision.e2e.mjs") runs only these scripts, in this order.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# a free port chosen now, so two runs on one machine do not collide
PORT="${E2E_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
BASE_URL="http://localhost:${PORT}"
CHROMIUM="${E2E_CHROMIUM:-/usr/bin/chromium}"
JAR="$ROOT/target/pollution-oversight-0.1.0-SNAPSHOT.jar"
DEMO_PASSWORD="${E2E_DEMO_PASSWORD:-demo}"

say() { echo "e2e-run: $*"; }
die() { echo "e2e-run: $*" >&2; exit 1; }

command -v java >/dev/null 2>&1 || die "java not found (Java 17 needed)"
command -v node >/dev/null 2>&1 || die "node not found (Node.js >= 20 needed)"
command -v curl >/dev/null 2>&1 || die "curl not found"
[[ -x "$CHROMIUM" ]] || die "$CHROMIUM not found: apt-get install chromium fonts-noto-cjk (or set E2E_CHROMIUM)"
if ! fc-list 2>/dev/null | grep -i 'CJK' >/dev/null; then
  say "warning: no CJK font found (fc-list); screenshots will show boxes instead of Chinese: apt-get install fonts-noto-cjk"
fi
if [[ ! -f /usr/lib/chromium/locales/zh-CN.pak ]]; then
  say "note: no Chinese locale for Chromium (/usr/lib/chromium/locales/zh-CN.pak); date pickers in the screenshots will read MM/DD/YYYY: apt-get install chromium-l10n"
fi

start=$(date +%s)

# 1. The app jar, rebuilt when it is missing or older than the sources it packs (e.g. a
# changed Cockpit plugin or form), so that the browser checks what is in the tree.
if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/src/main" "$ROOT/bpmn" "$ROOT/pom.xml" -newer "$JAR" -type f -print -quit 2>/dev/null)" ]]; then
  say "building $JAR"
  (cd "$ROOT" && mvn -q -B -DskipTests package)
  [[ -f "$JAR" ]] || die "build did not produce $JAR"
fi

# 2. Node dependencies (playwright-core only; the browser is the system Chromium).
if [[ ! -d "$HERE/node_modules/playwright-core" ]]; then
  say "installing node dependencies"
  (cd "$HERE" && npm ci --no-audit --no-fund)
fi

# 3. Start the app on its own port with a fresh database.
if curl -s -o /dev/null --max-time 2 "$BASE_URL/"; then
  die "something already answers on port $PORT; stop it or set E2E_PORT"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/e2e-app.XXXXXX")"
LOG="$WORK/app.log"
APP_PID=""

stop_app() {
  local rc=$?
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$APP_PID" 2>/dev/null || break
      sleep 1
    done
    kill -9 "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [[ "${E2E_KEEP_LOG:-}" == 1 ]]; then
    say "kept $WORK (app log: $LOG)" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap stop_app EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Run a copy of the jar, so that a rebuild of target/ while the app runs cannot pull
# classes from under it.
cp "$JAR" "$WORK/app.jar"

say "starting the app on port $PORT (log: $LOG)"
# No SMTP server here: mails are asynchronous jobs that fail and retry without blocking
# anything, and application.yaml keeps a mail outage out of /actuator/health.
OVERSIGHT_BASE_URL="$BASE_URL" OVERSIGHT_DEMO_PASSWORD="$DEMO_PASSWORD" \
java -jar "$WORK/app.jar" \
  --spring.profiles.active=demo \
  --server.port="$PORT" \
  --spring.datasource.url="jdbc:h2:file:$WORK/data/oversight" \
  >"$LOG" 2>&1 &
APP_PID=$!

health=""
for _ in $(seq 1 "${E2E_START_SECONDS:-300}"); do
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "--- app log (last 80 lines) ---" >&2
    tail -n 80 "$LOG" >&2 || true
    die "the app exited during startup"
  fi
  health="$(curl -s --max-time 2 "$BASE_URL/actuator/health" || true)"
  [[ "$health" == *'"status":"UP"'* ]] && break
  sleep 1
done
if [[ "$health" != *'"status":"UP"'* ]]; then
  echo "--- app log (last 80 lines) ---" >&2
  tail -n 80 "$LOG" >&2 || true
  die "the app did not report UP on $BASE_URL/actuator/health within ${E2E_START_SECONDS:-300} s (last answer: ${health:-none})"
fi
say "app UP after $(( $(date +%s) - start )) s"

# 4. The browser checks: Tasklist first, then the Cockpit board, then the supervision forms
# (each also runs when an earlier one failed, so that one run reports all).
total_passed=0
total_failed=0
rc=0
for script in ${E2E_SCRIPTS:-tasklist.e2e.mjs cockpit.e2e.mjs supervision.e2e.mjs}; do
  [[ -f "$HERE/$script" ]] || die "no such e2e script: $HERE/$script (E2E_SCRIPTS)"
  say "running $script"
  set +e
  E2E_BASE_URL="$BASE_URL" E2E_CHROMIUM="$CHROMIUM" E2E_DEMO_PASSWORD="$DEMO_PASSWORD" node "$HERE/$script" 2>&1 | tee "$WORK/$script.out"
  script_rc=${PIPESTATUS[0]}
  set -e
  # Each script ends with "e2e: N passed, M failed"; a script that died without it counts as one failure.
  summary="$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed$' "$WORK/$script.out" | tail -n 1 || true)"
  if [[ "$summary" =~ ^e2e:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    total_passed=$(( total_passed + BASH_REMATCH[1] ))
    total_failed=$(( total_failed + BASH_REMATCH[2] ))
  else
    total_failed=$(( total_failed + 1 ))
  fi
  if (( script_rc != 0 )); then
    (( total_failed > 0 )) || total_failed=1
    rc=$script_rc
    say "$script failed (exit code $script_rc)"
  fi
done
if (( rc != 0 )); then
  echo "--- app log (last 60 lines) ---"
  tail -n 60 "$LOG" || true
fi
say "finished in $(( $(date +%s) - start )) s (exit code $rc)"
# The scripts' summaries added up, as the closing line.
echo "e2e: $total_passed passed, $total_failed failed"
exit "$rc"
