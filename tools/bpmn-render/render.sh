#!/usr/bin/env bash
# Render every BPMN diagram in the repo's top-level bpmn/ folder with the bpmn-js viewer in
# headless system Chromium (/usr/bin/chromium, or $CHROMIUM_PATH) and write bpmn/<name>.png
# beside each <name>.bpmn. Fails if a diagram does not import cleanly or is not fully laid out.
# Usage: tools/bpmn-render/render.sh [--layout-report]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

if [[ ! -d node_modules ]]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "bpmn-render: npm not found; install Node.js >= 20 first" >&2
    exit 1
  fi
  npm ci --no-audit --no-fund
fi

exec node render.mjs "$@"
