#!/usr/bin/env bash
# Sets everything up (idempotent) and runs the whole test suite. CI runs this (.ci/run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh --extra realdata
npm test
