#!/usr/bin/env bash
# A local PostgreSQL whose WAL pgBackRest archives into a repository, for BackupRestoreIT and for
# trying the restore drill by hand. Free port of 127.0.0.1, every file under one directory.
#
#   pg-backup.sh up DIR        initdb (durable settings), archive_mode on with archive-push into
#                              DIR/backup/repo, stanza poker created, database poker; prints
#                              PGB_PORT= PGB_URL= PGB_CONFIG= (the pgbackrest.conf to restore from)
#   pg-backup.sh backup DIR [full|diff|incr]   a backup (default full) while the database is in use
#   pg-backup.sh archive DIR   switch to a new WAL segment and wait until it is archived (what is
#                              committed now can be restored); prints ARCHIVE_SECONDS=
#   pg-backup.sh down DIR      stop the instance (and DIR/restore's, left by restore-drill.sh --keep)
# Settings: fsync, synchronous_commit, full_page_writes on; archive_timeout 1 s (production: 60 s,
# deploy/backup/pgbackrest.conf).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=services.sh
. "$here/services.sh"

die() { printf '[pg-backup] ERROR: %s\n' "$*" >&2; exit 1; }

pgb_up() {
  local dir=${1:?pg-backup.sh up DIR} b="$1/backup" bin user port
  bin=$(pg_bin_dir) || die "PostgreSQL binaries not found"
  command -v pgbackrest >/dev/null 2>&1 || die "pgbackrest is not installed (ensure_packages pgbackrest)"
  user=$(_svc_pg_os_user)
  mkdir -p "$b/sock" "$b/repo" "$b/log" "$b/lock" "$b/spool"
  if [ -n "$user" ]; then chmod 0711 "$dir"; chown -R "$user" "$b"; fi
  _svc_pg_run "$user" "$b" "$bin/initdb" -D "$b/data" --auth=trust -U poker -E UTF8 --locale=C >"$b/initdb.log" 2>&1 ||
    { cat "$b/initdb.log" >&2; die "initdb failed"; }
  port=$(free_port)
  cat >"$b/pgbackrest.conf" <<CONF
[global]
repo1-path=$b/repo
repo1-retention-full=2
log-path=$b/log
lock-path=$b/lock
spool-path=$b/spool
log-level-console=warn
log-level-file=info
compress-type=lz4
start-fast=y
archive-check=y

[poker]
pg1-path=$b/data
pg1-port=$port
pg1-socket-path=$b/sock
pg1-user=poker
CONF
  # shellcheck disable=SC2016 # $1 is expanded by sh
  _svc_pg_run "$user" "$b" sh -c 'cat >> "$1"' sh "$b/data/postgresql.conf" <<CONF

# --- archived instance (deploy/local/pg-backup.sh) ---
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$b/sock'
fsync = on
synchronous_commit = on
full_page_writes = on
wal_level = replica
archive_mode = on
archive_command = 'pgbackrest --config=$b/pgbackrest.conf --stanza=poker archive-push %p'
archive_timeout = 1
max_wal_senders = 3
max_connections = 100
logging_collector = off
CONF
  if [ -n "$user" ]; then chown "$user" "$b/pgbackrest.conf"; fi
  _svc_pg_run "$user" "$b" "$bin/pg_ctl" -D "$b/data" -l "$b/postgres.log" -w -t 60 start >/dev/null 2>&1 ||
    { tail -n 30 "$b/postgres.log" >&2; die "PostgreSQL did not start"; }
  _svc_pg_run "$user" "$b" pgbackrest "--config=$b/pgbackrest.conf" --stanza=poker stanza-create ||
    die "pgbackrest stanza-create failed (logs in $b/log)"
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U poker poker || die "createdb poker failed"
  printf 'PGB_PORT=%s\nPGB_URL=jdbc:postgresql://127.0.0.1:%s/poker\nPGB_CONFIG=%s\n' "$port" "$port" "$b/pgbackrest.conf" |
    tee "$b/pg-backup.env"
}

pgb_load() {
  [ -f "$1/backup/pg-backup.env" ] || die "no archived instance in $1 (pg-backup.sh up DIR first)"
  # shellcheck disable=SC1091
  . "$1/backup/pg-backup.env"
}

pgb_backup() {
  local dir=${1:?pg-backup.sh backup DIR} type=${2:-full} user started
  pgb_load "$dir"
  user=$(_svc_pg_os_user)
  started=$(date +%s.%N)
  _svc_pg_run "$user" "$dir/backup" pgbackrest "--config=$PGB_CONFIG" --stanza=poker "--type=$type" backup ||
    die "pgbackrest backup failed (logs in $dir/backup/log)"
  awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "BACKUP_SECONDS=%.1f\n", b - a }'
}

pgb_archive() {
  local dir=${1:?pg-backup.sh archive DIR} bin started wal i last
  pgb_load "$dir"
  bin=$(pg_bin_dir)
  started=$(date +%s.%N)
  wal=$("$bin/psql" -X -At -h 127.0.0.1 -p "$PGB_PORT" -U poker -d poker -c 'select pg_walfile_name(pg_switch_wal())')
  for ((i = 0; i < 600; i++)); do
    last=$("$bin/psql" -X -At -h 127.0.0.1 -p "$PGB_PORT" -U poker -d poker -c 'select coalesce(last_archived_wal, $$$$) from pg_stat_archiver')
    if [ -n "$last" ] && [[ ! "$last" < "$wal" ]]; then
      awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "ARCHIVE_SECONDS=%.1f\n", b - a }'
      return 0
    fi
    sleep 0.1
  done
  die "WAL segment $wal was not archived within 60 s (last archived: $last)"
}

pgb_down() {
  local dir=${1:?pg-backup.sh down DIR} bin user data
  bin=$(pg_bin_dir) || return 0
  user=$(_svc_pg_os_user)
  # the archived instance, and the restore drill's instance when it was kept (--keep)
  for data in "$dir/backup/data" "$dir/restore/data"; do
    [ -f "$data/postmaster.pid" ] || continue
    _svc_pg_run "$user" "$dir" "$bin/pg_ctl" -D "$data" stop -m fast -w -t 30 >/dev/null 2>&1 || true
  done
}

case "${1:-}" in
  up) shift; pgb_up "$@" ;;
  backup) shift; pgb_backup "$@" ;;
  archive) shift; pgb_archive "$@" ;;
  down) shift; pgb_down "$@" ;;
  *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; [ "${1:-}" = -h ] || [ "${1:-}" = --help ] ;;
esac
