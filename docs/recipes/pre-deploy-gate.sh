#!/usr/bin/env bash
# Pre-deploy gate: fails the deployment while a secret the deployed service uses is overdue or
# compromised and could not be rotated. It first lets `enforce` act on those secrets (rotate what
# is due or exposed, resume an interrupted rotation), then fails only on what is still wrong.
#
#   pre-deploy-gate.sh [--policy FILE] [--dry-run] ID [ID...]
#
# IDs: the policy's secret ids the service references (e.g. from its manifest). Exit 0: deploy;
# 1: do not deploy (the reasons are printed); 2: the gate itself could not run (bad policy, I/O).
# ROTATION_GUARD names the CLI (default: rotation-guard on PATH). See docs/enforcement.md.
set -euo pipefail

cli=${ROTATION_GUARD:-rotation-guard}
policy=()
mode=()
ids=()
while [ $# -gt 0 ]; do
  case "$1" in
    --policy) policy=(--policy "$2"); shift 2 ;;
    --dry-run) mode=(--dry-run); shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "pre-deploy-gate: unknown option $1" >&2; exit 2 ;;
    *) ids+=("$1"); shift ;;
  esac
done
if [ ${#ids[@]} -eq 0 ]; then
  echo "pre-deploy-gate: name the secret ids the service uses" >&2
  exit 2
fi
only=$(IFS=,; echo "${ids[*]}")

status=0
# The history was searched by the push pipeline; here only the service's own secrets matter.
$cli enforce "${policy[@]}" "${mode[@]}" --only "$only" --no-git-history --format text || status=$?
case $status in
  0) echo "pre-deploy-gate: ok — ${only} compliant; deploy" ;;
  1) echo "pre-deploy-gate: BLOCKED — a secret the service uses is overdue, compromised or could not be rotated (above); do not deploy" >&2; exit 1 ;;
  *) echo "pre-deploy-gate: the gate could not run (exit $status); do not deploy" >&2; exit 2 ;;
esac
