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
# with the app logs, E2E_SCRIPTS (default: all three) runs only the walk-through scripts
# named, e.g. E2E_SCRIPTS=cockpit.e2e.mjs (E2E_SCRIPTS=none: none of them),
# E2E_LIVING_DEMO=0 skips the second run (the living demo, demo.e2e.mjs),
# E2E_START_SECONDS (default 420) how long to wait for health UP.
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

# 3. The app, started on its own port with a fresh database in a temp directory. Two runs:
#    a fresh demo (OVERSIGHT_DEMO_HISTORY=false: 162 fresh 交办 tasks, nothing dispatched) for the
#    walk-through scripts, then the living demo (four months played on first start) for demo.e2e.mjs.
WORK="$(mktemp -d "${TMPDIR:-/tmp}/e2e-app.XXXXXX")"
APP_PID=""

stop_current_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$APP_PID" 2>/dev/null || break
      sleep 1
    done
    kill -9 "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}

stop_app() {
  local rc=$?
  stop_current_app
  if [[ "${E2E_KEEP_LOG:-}" == 1 ]]; then
    say "kept $WORK (app logs: $WORK/*/app.log)" >&2
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

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# start_app <name> <port> <demo history true|false>: starts the app and waits until
# /actuator/health says UP (the living demo says DOWN until its four months are played).
start_app() {
  local name=$1 port=$2 history=$3
  local base="http://localhost:${port}"
  if curl -s -o /dev/null --max-time 2 "$base/"; then
    die "something already answers on port $port; stop it or set E2E_PORT"
  fi
  mkdir -p "$WORK/$name"
  LOG="$WORK/$name/app.log"
  say "starting the app ($name, demo history $history) on port $port (log: $LOG)"
  # The demo profile brings its own mail catcher (GreenMail on a free port): every mail is
  # delivered, and each demo user reads theirs at /demo/mailbox.
  OVERSIGHT_BASE_URL="$base" OVERSIGHT_DEMO_PASSWORD="$DEMO_PASSWORD" OVERSIGHT_DEMO_HISTORY="$history" \
  java -jar "$WORK/app.jar" \
    --spring.profiles.active=demo \
    --server.port="$port" \
    --spring.datasource.url="jdbc:h2:file:$WORK/$name/data/oversight" \
    >"$LOG" 2>&1 &
  APP_PID=$!
  local health=""
  for _ in $(seq 1 "${E2E_START_SECONDS:-420}"); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      echo "--- app log (last 80 lines) ---" >&2
      tail -n 80 "$LOG" >&2 || true
      die "the app exited during startup"
    fi
    health="$(curl -s --max-time 2 "$base/actuator/health" || true)"
    [[ "$health" == *'"status":"UP"'* ]] && break
    sleep 1
  done
  if [[ "$health" != *'"status":"UP"'* ]]; then
    echo "--- app log (last 80 lines) ---" >&2
    tail -n 80 "$LOG" >&2 || true
    die "the app did not report UP on $base/actuator/health within ${E2E_START_SECONDS:-420} s (last answer: ${health:-none})"
  fi
  say "app ($name) UP after $(( $(date +%s) - start )) s"
}

total_passed=0
total_failed=0
rc=0
# run_scripts <base url> <scripts...>: each also runs when an earlier one failed, so that one run reports all
run_scripts() {
  local base=$1; shift
  local script script_rc summary
  for script in "$@"; do
    say "running $script"
    set +e
    E2E_BASE_URL="$base" E2E_CHROMIUM="$CHROMIUM" E2E_DEMO_PASSWORD="$DEMO_PASSWORD" node "$HERE/$script" 2>&1 | tee "$WORK/$script.out"
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
      echo "--- app log (last 60 lines) ---"
      tail -n 60 "$LOG" || true
    fi
  done
}

# 4. The browser checks on a fresh demo: Tasklist first, then the Cockpit board, then the
# supervision forms. E2E_SCRIPTS chooses some of them (default: all three).
read -r -a scripts <<< "${E2E_SCRIPTS:-tasklist.e2e.mjs cockpit.e2e.mjs supervision.e2e.mjs}"
[[ "${scripts[*]}" == none ]] && scripts=()
if (( ${#scripts[@]} > 0 )); then
  start_app fresh "$PORT" false
  run_scripts "$BASE_URL" "${scripts[@]}"
  stop_current_app
fi

# 5. The living demo as it starts for a new user (E2E_LIVING_DEMO=0 skips it).
if [[ "${E2E_LIVING_DEMO:-1}" == 1 ]]; then
  LIVING_PORT="$(free_port)"
  start_app living "$LIVING_PORT" true
  run_scripts "http://localhost:${LIVING_PORT}" demo.e2e.mjs
  stop_current_app
fi

say "finished in $(( $(date +%s) - start )) s (exit code $rc)"
# The scripts' summaries added up, as the closing line.
echo "e2e: $total_passed passed, $total_failed failed"
exit "$rc"
