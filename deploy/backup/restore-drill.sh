#!/usr/bin/env bash
# The restore drill: restores a pgBackRest backup of the poker database to a point in time into a fresh
# PostgreSQL instance, lets recovery finish, runs `./poker ledger check` against it, and reports how long
# it took (the recovery time of this backup). Run nightly against production's repository, and by
# BackupRestoreIT against a local one.
#
#   restore-drill.sh --config FILE --target TIME --dir DIR [--stanza NAME] [--db NAME] [--keep]
#     --config FILE   pgbackrest.conf of the repository (its [stanza] section names the original)
#     --target TIME   restore to this moment, PostgreSQL's format: '2026-12-03 16:40:00.123+00';
#                     'latest' replays every archived WAL segment
#     --dir DIR       a new or empty directory for the restored instance (data/, sock/, postgres.log)
#     --stanza NAME   pgBackRest stanza (default poker)
#     --db NAME       database the nodes use (default poker)
#     --keep          leave the restored instance running (default: stop it after the check)
# Environment: POKER_DB_PASSWORD (of user poker), POKER_DRILL_JAR (run this poker.jar, not ./poker).
# Prints RESTORE_PORT=, RESTORE_URL=, RESTORE_SECONDS= (restore + recovery) and DRILL_SECONDS= (with the
# ledger check). Exit 0 only when the ledger check says "ledger OK".
# Runs PostgreSQL and pgBackRest as the postgres user when started as root.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=../local/services.sh
. "$root/deploy/local/services.sh"

die() { printf 'restore-drill: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

config="" target="" dir="" stanza=poker db=poker keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config=${2:?--config FILE}; shift ;;
    --target) target=${2:?--target TIME}; shift ;;
    --dir) dir=${2:?--dir DIR}; shift ;;
    --stanza) stanza=${2:?--stanza NAME}; shift ;;
    --db) db=${2:?--db NAME}; shift ;;
    --keep) keep=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
  shift
done
[ -n "$config" ] && [ -f "$config" ] || die "--config FILE: a pgbackrest.conf is needed (not '$config')"
[ -n "$target" ] || die "--target TIME is needed ('latest' for everything archived)"
[ -n "$dir" ] || die "--dir DIR is needed"
command -v pgbackrest >/dev/null 2>&1 || die "pgbackrest is not installed (Debian package pgbackrest)"
bin=$(pg_bin_dir) || die "PostgreSQL binaries not found"
mkdir -p "$dir"
[ ! -e "$dir/data" ] || die "$dir/data exists: the drill restores into a fresh directory"
user=$(_svc_pg_os_user)
mkdir -p "$dir/data" "$dir/sock"
chmod 0700 "$dir/data"
if [ -n "$user" ]; then chown -R "$user" "$dir"; fi

started=$(date +%s.%N)
recovery=(--type=time "--target=$target" --target-action=promote)
[ "$target" != latest ] || recovery=(--type=default)
if ! _svc_pg_run "$user" "$dir" pgbackrest "--config=$config" "--stanza=$stanza" "--pg1-path=$dir/data" \
  "${recovery[@]}" --log-level-console=warn restore >"$dir/restore.log" 2>&1; then
  cat "$dir/restore.log" >&2
  die "pgbackrest restore failed"
fi
# the restored configuration is the original's: its own port and socket, no archiving into the original's
# repository (recovery reads from it through restore_command, which pgBackRest wrote)
port=$(free_port)
# shellcheck disable=SC2016 # $1 is expanded by sh
_svc_pg_run "$user" "$dir" sh -c 'cat >> "$1"' sh "$dir/data/postgresql.conf" <<CONF

# --- restore drill (deploy/backup/restore-drill.sh) ---
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/sock'
archive_mode = off
CONF
if ! _svc_pg_run "$user" "$dir" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 300 start >/dev/null 2>&1; then
  tail -n 30 "$dir/postgres.log" >&2 || true
  die "the restored instance did not start"
fi
stop_restored() { _svc_pg_run "$user" "$dir" "$bin/pg_ctl" -D "$dir/data" stop -m fast -w -t 30 >/dev/null 2>&1 || true; }
[ "$keep" -eq 1 ] || trap stop_restored EXIT
# recovery ends with a promotion: wait until it accepts writes
for _ in $(seq 1 600); do
  state=$("$bin/psql" -X -At -h 127.0.0.1 -p "$port" -U poker -d "$db" -c 'select pg_is_in_recovery()' 2>/dev/null || true)
  [ "$state" != f ] || break
  sleep 0.1
done
[ "$state" = f ] || { tail -n 30 "$dir/postgres.log" >&2; die "recovery did not finish (pg_is_in_recovery: '$state')"; }
restored=$(date +%s.%N)

url="jdbc:postgresql://127.0.0.1:$port/$db"
# `poker ledger check`: through the launcher, or POKER_DRILL_JAR (a poker.jar) when set (tests)
ledger_check() {
  if [ -n "${POKER_DRILL_JAR:-}" ]; then java -jar "$POKER_DRILL_JAR" ledger check; else "$root/poker" ledger check; fi
}
if ! POKER_DB_URL="$url" POKER_DB_USER=poker POKER_DB_PASSWORD="${POKER_DB_PASSWORD:-}" POKER_DATA_DIR="$dir/node" \
  ledger_check >"$dir/ledger-check.log" 2>&1; then
  cat "$dir/ledger-check.log" >&2
  die "ledger check failed on the restored database"
fi
grep -q 'ledger OK' "$dir/ledger-check.log" || { cat "$dir/ledger-check.log" >&2; die "ledger check did not say 'ledger OK'"; }
done_at=$(date +%s.%N)
tail -n 1 "$dir/ledger-check.log" >&2
printf 'RESTORE_PORT=%s\nRESTORE_URL=%s\n' "$port" "$url"
awk -v a="$started" -v b="$restored" -v c="$done_at" 'BEGIN { printf "RESTORE_SECONDS=%.1f\nDRILL_SECONDS=%.1f\n", b - a, c - a }'
