#!/usr/bin/env bash
# Starts Burrow in production from an installed checkout (`pnpm install --frozen-lockfile`):
# checks the configuration and that PostgreSQL and MongoDB answer, generates the Prisma client,
# backs the database up with pg_dump when migrations are pending and applies them, builds, then
# runs the apps with NODE_ENV=production until SIGTERM/SIGINT.
#
#   scripts/start-production.sh [all|web|pets]        (default: all)
#
# Required: DATABASE_URL, MONGODB_URI and UNSUBSCRIBE_SECRET (not for `pets`), AUTH_SECRET,
# SERVICE_TOKEN_SECRET, EMAIL_SERVER, EMAIL_FROM, WEB_URL, PETS_URL, BACKUP_DIR (unless SKIP_BACKUP=1). Production has no
# defaults for these and never starts embedded servers. Optional: MIGRATE_DATABASE_URL (a direct
# connection for the checks, backup and migrations when DATABASE_URL goes through PgBouncer: the
# migration applier's session advisory lock does not survive transaction pooling), WEB_PORT (3000),
# PETS_PORT (3001), PG_DUMP, PG_RESTORE, SKIP_BACKUP=1, SKIP_BUILD=1, CONNECT_RETRIES (10), CONNECT_RETRY_DELAY (3 s),
# CONNECT_TIMEOUT (5 s), READY_TIMEOUT (120 s), STOP_TIMEOUT (40 s: above the apps' SHUTDOWN_GRACE_SECONDS, 30 s).
#
# Exit status: 0 after a clean stop on SIGTERM/SIGINT; 143/130 when the signal came during
# start-up or an app had to be killed after STOP_TIMEOUT; 2 bad usage or configuration; 1 any
# other failure (including an app exiting on its own). Needs bash >= 5.1 and setsid (util-linux).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
helper=("$root/node_modules/.bin/tsx" "$root/scripts/lib/production/preflight.ts")

log() { printf '[start-production] %s\n' "$*"; }
fail() {
  local code=$1
  shift
  printf '[start-production] ERROR: %s\n' "$*" >&2
  exit "$code"
}

usage() {
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
  exit "$1"
}

# ---------------------------------------------------------------------------------------------
# Signals. Every child runs in its own session (setsid), so one kill reaches its whole process
# tree (pnpm → turbo → next build) and a terminal's Ctrl-C reaches only this script, which
# decides what to stop and in which order.
signal=""     # set once SIGTERM/SIGINT arrived: start-up stops at the next step boundary
step_pid=""   # the running start-up step
migrating=0   # a signal waits for migrations: killing one midway leaves a failed row that blocks the next deploy
declare -A app_pid=()
declare -A signum=([TERM]=15 [INT]=2)

on_signal() {
  [[ -z $signal ]] || return 0
  signal=$1
  log "SIG$1 received: stopping"
  if ((migrating)); then
    log "letting the running migration finish first"
  elif [[ -n $step_pid ]]; then
    kill -TERM -- "-$step_pid" 2>/dev/null || true
  fi
}

cleanup() {
  [[ -z $step_pid ]] || kill -KILL -- "-$step_pid" 2>/dev/null || true
  ((${#app_pid[@]} == 0)) || stop_apps || true
  [[ -z ${work:-} ]] || rm -rf "$work"
}

trap 'on_signal TERM' TERM
trap 'on_signal INT' INT
trap cleanup EXIT

interrupted() {
  log "start-up interrupted by SIG$signal"
  exit $((128 + signum[$signal]))
}

# Runs one start-up step in its own session and waits for it while staying responsive to
# signals. Exits when it fails or when a signal stopped start-up.
#   run_step [--out FILE] DESCRIPTION COMMAND [ARGS...]
run_step() {
  local out="" status=0
  if [[ $1 == --out ]]; then
    out=$2
    shift 2
  fi
  local what=$1
  shift
  [[ -z $signal ]] || interrupted
  log "$what"
  # Not `>/dev/stdout`: that cannot be reopened when stdout is a socket (systemd's journal, node).
  if [[ -n $out ]]; then setsid "$@" >"$out" & else setsid "$@" & fi
  step_pid=$!
  while :; do
    status=0
    wait "$step_pid" || status=$?
    # A trapped signal makes `wait` return early while the step may still be running.
    kill -0 "$step_pid" 2>/dev/null || break
  done
  step_pid=""
  [[ -z $signal ]] || interrupted
  ((status == 0)) || fail 1 "$what: failed (exit status $status)"
}

# ---------------------------------------------------------------------------------------------
# Configuration: everything is checked before anything runs, and every problem is named at once.
check_config() {
  local problems=() name
  for name in DATABASE_URL MONGODB_URI AUTH_SECRET SERVICE_TOKEN_SECRET UNSUBSCRIBE_SECRET EMAIL_SERVER EMAIL_FROM WEB_URL PETS_URL BACKUP_DIR; do
    case $name in
      MONGODB_URI | UNSUBSCRIBE_SECRET) [[ $target != pets ]] || continue ;; # web's alone
      BACKUP_DIR) [[ ${SKIP_BACKUP:-} != 1 ]] || continue ;;
    esac
    [[ -n ${!name:-} ]] || problems+=("$name is not set")
  done
  matches() { [[ -z ${!1:-} || ${!1} =~ $2 ]] || problems+=("$1 must be $3"); }
  matches DATABASE_URL '^postgres(ql)?://' "a postgresql:// URL"
  matches MIGRATE_DATABASE_URL '^postgres(ql)?://' "a postgresql:// URL"
  matches MONGODB_URI '^mongodb(\+srv)?://' "a mongodb:// URL"
  matches WEB_URL '^https?://' "an http(s):// URL"
  matches PETS_URL '^https?://' "an http(s):// URL"
  matches EMAIL_SERVER '^smtps?://' "an smtp:// or smtps:// URL"
  # The apps check these too, but only on the first request that needs them: fail before deploying.
  for name in AUTH_SECRET SERVICE_TOKEN_SECRET UNSUBSCRIBE_SECRET; do
    matches "$name" '^.{32,}$' "at least 32 characters (openssl rand -base64 32)"
  done
  for name in WEB_PORT PETS_PORT; do
    matches "$name" '^[1-9][0-9]{0,4}$' "a port number"
  done
  for name in CONNECT_RETRIES CONNECT_RETRY_DELAY CONNECT_TIMEOUT READY_TIMEOUT STOP_TIMEOUT; do
    matches "$name" '^[0-9]+(\.[0-9]+)?$' "a number"
  done
  if ((${#problems[@]})); then
    printf '[start-production] ERROR: bad configuration (production has no defaults; see README, Production):\n' >&2
    printf '  %s\n' "${problems[@]}" >&2
    exit 2
  fi

  [[ -x ${helper[0]} ]] || fail 2 "${helper[0]} not found: run pnpm install --frozen-lockfile first"
  command -v setsid >/dev/null || fail 2 "setsid (util-linux) is required"
  if [[ ${SKIP_BACKUP:-} != 1 ]]; then
    mkdir -p "$BACKUP_DIR" && [[ -w $BACKUP_DIR ]] || fail 2 "BACKUP_DIR=$BACKUP_DIR is not a writable folder"
    BACKUP_DIR=$(cd "$BACKUP_DIR" && pwd) # the script works from the repo root
  fi
}

# pnpm as installed, or the one running us (`npx pnpm …`), else the version package.json pins
# through npx, as the README bootstraps it.
resolve_pnpm() {
  if command -v pnpm >/dev/null; then
    pnpm=(pnpm)
  elif [[ ${npm_execpath:-} == *pnpm*.*js ]]; then
    pnpm=(node "$npm_execpath")
  else
    pnpm=(npx -y "pnpm@$(node -p 'require(process.argv[1]).packageManager.split("@")[1]' "$root/package.json")")
  fi
}

# ---------------------------------------------------------------------------------------------
# Backup. pg_dump refuses a server newer than itself ("server version mismatch"), so pick the
# newest pg_dump whose major version is at least the server's; PG_DUMP overrides the search.
find_pg_dump() {
  local server_major=$1 candidate major best_major=0 candidates=() found=()
  if [[ -n ${PG_DUMP:-} ]]; then
    candidates=("$PG_DUMP")
  else
    # PATH first, then the versioned folders Debian/Ubuntu and the PGDG RPMs install side by side.
    candidates=("$(command -v pg_dump || true)" /usr/lib/postgresql/*/bin/pg_dump /usr/pgsql-*/bin/pg_dump)
  fi
  pg_dump=""
  for candidate in "${candidates[@]}"; do
    [[ -n $candidate && -x $candidate ]] || continue
    major=$("$candidate" --version 2>/dev/null | sed -nE 's/^pg_dump \(PostgreSQL\) ([0-9]+).*/\1/p')
    [[ -n $major ]] || continue
    found+=("$candidate ($major)")
    if ((major >= server_major && major > best_major)); then
      pg_dump=$candidate
      best_major=$major
    fi
  done
  [[ -n $pg_dump ]] || fail 1 "no usable pg_dump: the server runs PostgreSQL $server_major and pg_dump must be" \
    "$server_major or newer; found: ${found[*]:-none}${PG_DUMP:+ (PG_DUMP=$PG_DUMP)}." \
    "Install the PostgreSQL $server_major client tools or point PG_DUMP at one; SKIP_BACKUP=1 only if you back up elsewhere"
  pg_restore=${PG_RESTORE:-$(dirname "$pg_dump")/pg_restore}
  [[ -x $pg_restore ]] || fail 1 "pg_restore not found next to $pg_dump: set PG_RESTORE"
  pg_dump_major=$best_major
}

backup() {
  local server_major=$1 database=$2 file
  find_pg_dump "$server_major"
  file="$BACKUP_DIR/burrow-${database//[^A-Za-z0-9_.-]/_}-$(date -u +%Y%m%dT%H%M%SZ).dump"
  # Written under a temporary name first: a file with the final name is always a complete dump.
  run_step "backing up $database to $file (pg_dump $pg_dump_major, custom format)" \
    "${direct[@]}" "${helper[@]}" libpq "$pg_dump" --format=custom --no-password --file="$file.partial"
  run_step --out /dev/null "checking the backup is readable (pg_restore --list)" "$pg_restore" --list "$file.partial"
  mv "$file.partial" "$file"
  log "backup written: $file ($(du -h "$file" | cut -f1))"
}

# ---------------------------------------------------------------------------------------------
# The apps.
start_app() {
  local app=$1 port=$2
  # The server directly, not `pnpm start`: no wrapper between us and the server that signals must
  # cross. burrow-next-start is `next start` with a graceful SIGTERM (readiness 503, requests and jobs
  # finish within SHUTDOWN_GRACE_SECONDS, pools close): keep STOP_TIMEOUT above that.
  (cd "$root/apps/$app" && PORT=$port exec setsid node "$root/packages/http/bin/next-start.mjs" --port "$port") &
  app_pid[$app]=$!
  log "$app started (pid ${app_pid[$app]}) on port $port"
}

# SIGTERM to every app's process group; SIGKILL to any still running after STOP_TIMEOUT.
# Returns 1 when an app had to be killed.
stop_apps() {
  local app pid status=0 deadline=$((SECONDS + ${STOP_TIMEOUT%.*}))
  for pid in "${app_pid[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for app in "${!app_pid[@]}"; do
    pid=${app_pid[$app]}
    while kill -0 -- "-$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 -- "-$pid" 2>/dev/null; then
      log "$app did not stop within ${STOP_TIMEOUT}s: killing it"
      kill -KILL -- "-$pid" 2>/dev/null || true
      status=1
    fi
    wait "$pid" 2>/dev/null || true
    log "$app stopped"
  done
  app_pid=()
  return "$status"
}

# Waits until a signal arrives or an app exits. Either way the other apps are stopped.
serve() {
  local exited status app
  while [[ -z $signal ]]; do
    exited="" status=0
    wait -n -p exited "${app_pid[@]}" || status=$?
    [[ -z $signal ]] || break
    [[ -n $exited ]] || fail 1 "lost track of the apps (wait exited with $status)"
    for app in "${!app_pid[@]}"; do
      [[ ${app_pid[$app]} == "$exited" ]] || continue
      unset "app_pid[$app]"
      printf '[start-production] ERROR: %s exited on its own (status %s): stopping the rest\n' "$app" "$status" >&2
    done
    stop_apps || true
    exit 1
  done
  if stop_apps; then
    log "stopped cleanly"
    exit 0
  fi
  exit $((128 + signum[$signal]))
}

# ---------------------------------------------------------------------------------------------
main() {
  target=${1:-all}
  case $target in
    all) apps=(web pets) ;;
    web | pets) apps=("$target") ;;
    -h | --help) usage 0 ;;
    *)
      printf '[start-production] ERROR: unknown target "%s" (expected all, web or pets)\n\n' "$target" >&2
      usage 2
      ;;
  esac
  (($# <= 1)) || usage 2
  : "${WEB_PORT:=3000}" "${PETS_PORT:=3001}" "${STOP_TIMEOUT:=40}"
  check_config
  export NODE_ENV=production
  cd "$root"
  work=$(mktemp -d)
  resolve_pnpm

  # Checks, backup and migrations talk to PostgreSQL itself; the apps may go through a pooler.
  direct=(env "DATABASE_URL=${MIGRATE_DATABASE_URL:-$DATABASE_URL}")
  run_step --out "$work/postgres" "checking PostgreSQL (SELECT 1)" "${direct[@]}" "${helper[@]}" postgres
  local server_major database
  { read -r server_major && read -r database; } <"$work/postgres"
  log "PostgreSQL $server_major, database $database"
  [[ $target == pets ]] || run_step "checking MongoDB (ping)" "${helper[@]}" mongo

  run_step "generating the Prisma client" "${pnpm[@]}" db:generate

  run_step --out "$work/pending" "looking for pending migrations" "${direct[@]}" "${helper[@]}" pending
  local pending=()
  mapfile -t pending <"$work/pending"
  if ((${#pending[@]} == 0)); then
    log "no pending migrations: skipping the backup and migrate deploy"
  else
    log "${#pending[@]} pending migration(s): ${pending[*]}"
    if [[ ${SKIP_BACKUP:-} == 1 ]]; then
      log "WARNING: SKIP_BACKUP=1: migrating without a backup (make sure you have one elsewhere)"
    else
      backup "$server_major" "$database"
    fi
    migrating=1
    run_step "applying migrations (prisma migrate deploy)" "${direct[@]}" "${pnpm[@]}" prisma migrate deploy
    migrating=0
  fi

  local app
  if [[ ${SKIP_BUILD:-} == 1 ]]; then
    for app in "${apps[@]}"; do
      [[ -f $root/apps/$app/.next/BUILD_ID ]] || fail 1 "SKIP_BUILD=1 but apps/$app has no production build"
    done
    log "SKIP_BUILD=1: using the existing builds"
  else
    run_step "building ${apps[*]}" "${pnpm[@]}" exec turbo run build "${apps[@]/#/--filter=@burrow/}"
  fi

  local port_var ready_args=()
  for app in "${apps[@]}"; do
    port_var="${app^^}_PORT"
    start_app "$app" "${!port_var}"
    ready_args+=("$app" "${!port_var}" "${app_pid[$app]}")
  done
  run_step "waiting for ${apps[*]} to answer" "${helper[@]}" ready "${ready_args[@]}"
  for app in "${apps[@]}"; do
    local url_var="${app^^}_URL"
    port_var="${app^^}_PORT"
    log "serving $app at ${!url_var} (port ${!port_var})"
  done
  log "Burrow is up; SIGTERM or Ctrl-C stops it"
  serve
}

main "$@"
