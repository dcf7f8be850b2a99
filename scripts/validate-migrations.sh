#!/usr/bin/env bash
# Validates prisma/migrations (folder names, timestamps, migration.sql hygiene and header block, and
# that migrations already on the base branch are unchanged). The rules live in
# scripts/lib/validate-migrations.ts; this wrapper only locates tsx, so it works from any directory
# (git hooks, CI) without pnpm on PATH.
#
#   scripts/validate-migrations.sh [--staged] [--base REF] [--dir DIR]
#
# Exit status: 0 valid, 1 problems found, 2 usage error.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tsx="$root/node_modules/.bin/tsx"
if [[ ! -x "$tsx" ]]; then
  echo "validate-migrations: $tsx not found; run pnpm install first" >&2
  exit 2
fi
exec "$tsx" "$root/scripts/lib/validate-migrations.ts" "$@"
