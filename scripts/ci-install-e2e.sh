#!/usr/bin/env bash
# Installs what the editor test level (test/e2e) needs; safe to run repeatedly. `npm test` does the
# same by itself (the package check in test/run-all.mjs, code-server in the e2e runner); this is
# for a machine that only wants the editor tools ready, e.g. a cache warm-up.
#   - Debian packages: the e2e rows of scripts/system-packages.mjs (installed as root or with
#     passwordless sudo, otherwise named in one line);
#   - Node 24 + code-server in the cache outside the clone (scripts/code-server/ensure.mjs), which
#     is reused when a previous run left a healthy one.
# Set ROTATION_GUARD_CACHE to move the cache (default: ~/.cache/rotation-guard).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
node --input-type=module -e "import { ensureSystemPackages } from './scripts/system-packages.mjs'; process.exit(ensureSystemPackages(['e2e'], { label: 'ci-install-e2e' }) ? 0 : 1);"
node scripts/code-server/ensure.mjs >/dev/null
echo "ci-install-e2e: ready in $(( $(date +%s) - start )) s"
