#!/usr/bin/env bash
# Lint every BPMN file in the repo's top-level bpmn/ folder with bpmnlint
# (bpmnlint:recommended + camunda-compat/camunda-platform-7-24, see .bpmnlintrc).
# Fails on any error, warning or info report. Usage: tools/bpmnlint/lint.sh
set -euo pipefail

# bpmnlint resolves its config and plugins relative to the working directory,
# so it must run from this folder (where node_modules and .bpmnlintrc live).
cd "$(dirname "${BASH_SOURCE[0]}")"

BPMN_DIR=../../bpmn

shopt -s nullglob
files=("$BPMN_DIR"/*.bpmn)
shopt -u nullglob

if (( ${#files[@]} == 0 )); then
  echo "bpmnlint: no *.bpmn files found in $(cd "$BPMN_DIR" 2>/dev/null && pwd || echo "$BPMN_DIR") - nothing to lint, failing" >&2
  exit 1
fi

if [[ ! -x node_modules/.bin/bpmnlint ]]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "bpmnlint: npm not found; install Node.js >= 20 first" >&2
    exit 1
  fi
  npm ci --no-audit --no-fund
fi

set +e
output=$(node_modules/.bin/bpmnlint --config .bpmnlintrc --max-warnings=0 "${files[@]}" 2>&1)
rc=$?
set -e

# bpmnlint prints nothing for clean files; any report ends with a summary line
# like "✖ 2 problems (1 error, 1 warning)". Reports of category "info" (e.g.
# camunda-compat/history-time-to-live) are counted as warnings there.
if [[ -n "${output//[[:space:]]/}" ]]; then
  printf '%s\n' "$output"
fi

if (( rc != 0 )) || grep -Eq '[0-9]+ problems? \(' <<<"$output"; then
  echo "bpmnlint: FAILED for ${#files[@]} file(s) in bpmn/ (exit code $rc, see reports above)" >&2
  exit 1
fi

echo "bpmnlint: ${#files[@]} files clean"
