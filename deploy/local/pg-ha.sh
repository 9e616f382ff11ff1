#!/usr/bin/env bash
# PostgreSQL high availability on one machine, for `./poker cluster up --pg-ha` and the tests: etcd (one
# member), two PostgreSQL instances under Patroni (a primary and a synchronous replica,
# `synchronous_mode: true`) and HAProxy that sends every connection to the current primary, found
# through Patroni's REST API (GET /primary answers 200 on the leader only). Debian packages patroni,
# etcd-server, postgresql, haproxy. Free ports of 127.0.0.1, every file under one directory.
#
#   pg-ha.sh up DIR        start it all in DIR (made by make_service_dir, or the cluster's state
#                          directory); waits for a leader and a streaming synchronous standby, creates
#                          the database poker, prints the settings as NAME=VALUE lines
#   pg-ha.sh status DIR    each member's role and state (patronictl list), exit 0 when a leader and a
#                          sync standby are up
#   pg-ha.sh leader DIR    the leader's name (pg1 or pg2)
#   pg-ha.sh pids DIR NAME the pids of member NAME's Patroni and postmaster, one a line
#   pg-ha.sh down DIR      stop everything it started (HAProxy, Patroni + PostgreSQL, etcd)
#
# Durability: fsync, full_page_writes and synchronous_commit are on; with synchronous_mode a commit
# returns only once the synchronous standby has flushed its WAL, and Patroni promotes only that standby
# (maximum_lag_on_failover 0), so an acknowledged commit survives the loss of the primary (RPO 0).
# `on`, not `remote_apply`: the nodes read only from the primary, so waiting for the standby to also
# replay the commit would add latency and no safety. synchronous_mode_strict is off: with the old primary
# gone the new one accepts writes without a standby (availability) until a replica is back.
# Failover timing: ttl 8 s, loop_wait 1 s, retry_timeout 3 s; a primary whose Patroni is killed loses
# its leader key after at most ttl; the standby takes over at its next loop.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

pgha_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=services.sh
. "$pgha_here/services.sh"

pgha_log() { printf '[pg-ha] %s\n' "$*" >&2; }
pgha_die() { printf '[pg-ha] ERROR: %s\n' "$*" >&2; exit 1; }

# Starts "$@" detached with its pid in $1 and its output in $2 (services.sh's svc_spawn).
pgha_spawn() {
  svc_spawn "$@" || pgha_die "could not start $3 (no pid file $1; see $2)"
}

# GET http://127.0.0.1:$1$2 and print the status code (000 when nothing answers).
pgha_http() {
  curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$1$2" 2>/dev/null || true
}

pgha_load() {
  local dir=$1
  [ -f "$dir/pg-ha/pg-ha.env" ] || pgha_die "no PostgreSQL HA in $dir (pg-ha.sh up DIR first)"
  # shellcheck disable=SC1091 # written by pgha_up
  . "$dir/pg-ha/pg-ha.env"
}

# Writes member $2's Patroni configuration (pg1 or pg2) into DIR/pg-ha/$2.yml.
pgha_member_config() {
  local dir=$1 name=$2 pg_port=$3 rest_port=$4 bin
  bin=$(pg_bin_dir) || pgha_die "PostgreSQL binaries not found"
  local m="$dir/pg-ha/$name"
  mkdir -p "$m/sock"
  cat >"$dir/pg-ha/$name.yml" <<YAML
scope: poker
name: $name
log:
  level: INFO
restapi:
  listen: 127.0.0.1:$rest_port
  connect_address: 127.0.0.1:$rest_port
etcd3:
  host: 127.0.0.1:$PGHA_ETCD_PORT
bootstrap:
  dcs:
    ttl: 8
    loop_wait: 1
    retry_timeout: 3
    maximum_lag_on_failover: 0
    synchronous_mode: true
    synchronous_mode_strict: false
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        fsync: "on"
        full_page_writes: "on"
        synchronous_commit: "on"
        wal_level: replica
        wal_log_hints: "on"
        hot_standby: "on"
        max_wal_senders: 10
        max_replication_slots: 10
        max_connections: 200
        wal_keep_size: 256MB
  initdb:
    - encoding: UTF8
    - locale: C
    - auth: trust
  pg_hba:
    - local all all trust
    - host all all 127.0.0.1/32 trust
    - host replication all 127.0.0.1/32 trust
postgresql:
  listen: 127.0.0.1:$pg_port
  connect_address: 127.0.0.1:$pg_port
  data_dir: $m/data
  bin_dir: $bin
  pgpass: $m/pgpass
  authentication:
    superuser:
      username: poker
      password: poker
    replication:
      username: replicator
      password: replicator
  parameters:
    unix_socket_directories: $m/sock
    logging_collector: "off"
tags:
  nofailover: false
  noloadbalance: false
  clonefrom: false
  nosync: false
YAML
}

pgha_up() {
  local dir=${1:?pg-ha.sh up DIR}
  local ha="$dir/pg-ha" user i
  [ -d "$dir" ] || pgha_die "$dir is not a directory"
  command -v patroni >/dev/null 2>&1 || pgha_die "patroni is not installed (ensure_packages patroni etcd)"
  command -v etcd >/dev/null 2>&1 || pgha_die "etcd is not installed (ensure_packages patroni etcd)"
  mkdir -p "$ha/etcd" "$dir/pids"
  user=$(_svc_pg_os_user)
  if [ -n "$user" ]; then chmod 0711 "$dir"; fi

  PGHA_ETCD_PORT=$(free_port)
  local etcd_peer
  etcd_peer=$(free_port)
  PGHA_PG1_PORT=$(free_port) PGHA_PG2_PORT=$(free_port)
  PGHA_REST1_PORT=$(free_port) PGHA_REST2_PORT=$(free_port)
  PGHA_PORT=$(free_port) PGHA_STATS_PORT=$(free_port)

  pgha_spawn "$dir/pids/pgha-etcd.pid" "$ha/etcd.log" etcd --name pgha --data-dir "$ha/etcd/data" \
    --listen-client-urls "http://127.0.0.1:$PGHA_ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$PGHA_ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "pgha=http://127.0.0.1:$etcd_peer" --initial-cluster-state new
  for ((i = 0; i < 100; i++)); do
    [ "$(pgha_http "$PGHA_ETCD_PORT" /health)" = 200 ] && break
    sleep 0.1
  done
  [ "$(pgha_http "$PGHA_ETCD_PORT" /health)" = 200 ] || { tail -n 20 "$ha/etcd.log" >&2; pgha_die "etcd did not start"; }

  pgha_member_config "$dir" pg1 "$PGHA_PG1_PORT" "$PGHA_REST1_PORT"
  pgha_member_config "$dir" pg2 "$PGHA_PG2_PORT" "$PGHA_REST2_PORT"
  if [ -n "$user" ]; then chown -R "$user" "$ha/pg1" "$ha/pg2" "$ha/pg1.yml" "$ha/pg2.yml"; fi
  touch "$ha/pg1.log" "$ha/pg2.log"
  if [ -n "$user" ]; then chown "$user" "$ha/pg1.log" "$ha/pg2.log"; fi

  local as_pg=()
  mapfile -t as_pg < <(pgha_as_pg_user)
  # the first member bootstraps (initdb) and becomes the leader; the second clones it
  pgha_spawn "$dir/pids/pgha-patroni-pg1.pid" "$ha/pg1.log" "${as_pg[@]}" patroni "$ha/pg1.yml"
  pgha_wait_status "$PGHA_REST1_PORT" /primary 90 || { tail -n 40 "$ha/pg1.log" >&2; pgha_die "pg1 did not become the primary"; }
  pgha_spawn "$dir/pids/pgha-patroni-pg2.pid" "$ha/pg2.log" "${as_pg[@]}" patroni "$ha/pg2.yml"
  pgha_wait_status "$PGHA_REST2_PORT" /sync 90 || { tail -n 40 "$ha/pg2.log" >&2; pgha_die "pg2 did not become the synchronous standby"; }

  # HAProxy: every connection to the member whose Patroni says it is the primary
  cat >"$ha/haproxy.cfg" <<CFG
# PostgreSQL through HAProxy: writes (and reads) go to the Patroni leader only.
global
    maxconn 1000
defaults
    mode tcp
    timeout connect 2s
    timeout client 30m
    timeout server 30m
    timeout check 1s
listen stats
    mode http
    bind 127.0.0.1:$PGHA_STATS_PORT
    stats enable
    stats uri /
listen primary
    bind 127.0.0.1:$PGHA_PORT
    option httpchk
    http-check send meth GET uri /primary
    http-check expect status 200
    # a member that stops being the primary: its sessions are cut at once, the nodes reconnect to the new one
    default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions
    server pg1 127.0.0.1:$PGHA_PG1_PORT check port $PGHA_REST1_PORT
    server pg2 127.0.0.1:$PGHA_PG2_PORT check port $PGHA_REST2_PORT
CFG
  local haproxy
  haproxy=$(haproxy_bin) || pgha_die "haproxy is not installed"
  "$haproxy" -c -q -f "$ha/haproxy.cfg" || pgha_die "HAProxy rejects $ha/haproxy.cfg"
  pgha_spawn "$dir/pids/pgha-haproxy.pid" "$ha/haproxy.log" "$haproxy" -db -f "$ha/haproxy.cfg"

  # HAProxy starts with every server up: wait until its checks leave only the primary
  local up=""
  for ((i = 0; i < 100; i++)); do
    up=$(curl -s -m 2 "http://127.0.0.1:$PGHA_STATS_PORT/;csv" 2>/dev/null |
      awk -F, '$1 == "primary" && $2 ~ /^pg/ && $18 == "UP" { print $2 }' | tr '\n' ' ' || true)
    [ "$up" != "pg1 " ] || break
    sleep 0.2
  done
  [ "$up" = "pg1 " ] || pgha_die "HAProxy does not route to exactly the primary pg1 (servers up: '$up')"
  local bin
  bin=$(pg_bin_dir)
  "$bin/psql" -X -q -h 127.0.0.1 -p "$PGHA_PORT" -U poker -d postgres -c 'CREATE DATABASE poker' >/dev/null ||
    pgha_die "CREATE DATABASE poker through HAProxy failed"

  {
    printf '# written by pg-ha.sh up\n'
    for v in PGHA_ETCD_PORT PGHA_PG1_PORT PGHA_PG2_PORT PGHA_REST1_PORT PGHA_REST2_PORT PGHA_PORT PGHA_STATS_PORT; do
      printf '%s=%q\n' "$v" "${!v}"
    done
    printf 'PGHA_URL=%q\n' "jdbc:postgresql://127.0.0.1:$PGHA_PORT/poker"
  } >"$ha/pg-ha.env"
  pgha_log "PostgreSQL HA up: leader pg1 (127.0.0.1:$PGHA_PG1_PORT), sync standby pg2 (127.0.0.1:$PGHA_PG2_PORT), writes through HAProxy 127.0.0.1:$PGHA_PORT, etcd 127.0.0.1:$PGHA_ETCD_PORT"
}

# The command prefix that runs Patroni as the PostgreSQL user: setpriv execs (runuser would stay
# as Patroni's parent), so the recorded pid is Patroni's own.
pgha_as_pg_user() {
  local user
  user=$(_svc_pg_os_user)
  if [ -n "$user" ]; then
    printf '%s\n' setpriv "--reuid=$user" "--regid=$(id -g "$user")" --init-groups env "HOME=$(getent passwd "$user" | cut -d: -f6)"
  fi
}

# Waits until GET http://127.0.0.1:$1$2 answers 200, for at most $3 seconds.
pgha_wait_status() {
  local port=$1 path=$2 limit=$3 deadline
  deadline=$((SECONDS + limit))
  while [ "$SECONDS" -lt "$deadline" ]; do
    [ "$(pgha_http "$port" "$path")" = 200 ] && return 0
    sleep 0.2
  done
  return 1
}

pgha_leader() {
  local dir=${1:?pg-ha.sh leader DIR}
  pgha_load "$dir"
  if [ "$(pgha_http "$PGHA_REST1_PORT" /primary)" = 200 ]; then echo pg1; return 0; fi
  if [ "$(pgha_http "$PGHA_REST2_PORT" /primary)" = 200 ]; then echo pg2; return 0; fi
  return 1
}

pgha_pids() {
  local dir=${1:?pg-ha.sh pids DIR NAME} name=${2:?pg-ha.sh pids DIR NAME}
  head -n 1 "$dir/pids/pgha-patroni-$name.pid"
  head -n 1 "$dir/pg-ha/$name/data/postmaster.pid"
}

pgha_status() {
  local dir=${1:?pg-ha.sh status DIR}
  pgha_load "$dir"
  patronictl -c "$dir/pg-ha/pg1.yml" list 2>/dev/null || patronictl -c "$dir/pg-ha/pg2.yml" list
  # healthy: one member answers 200 on /primary and one on /sync (the synchronous standby)
  case "$(pgha_http "$PGHA_REST1_PORT" /primary) $(pgha_http "$PGHA_REST2_PORT" /primary)" in *200*) ;; *) return 1 ;; esac
  case "$(pgha_http "$PGHA_REST1_PORT" /sync) $(pgha_http "$PGHA_REST2_PORT" /sync)" in *200*) ;; *) return 1 ;; esac
}

pgha_down() {
  local dir=${1:?pg-ha.sh down DIR} f p
  for f in "$dir/pids/pgha-haproxy.pid" "$dir"/pids/pgha-patroni-*.pid "$dir/pids/pgha-etcd.pid"; do
    [ -f "$f" ] || continue
    p=$(head -n 1 "$f" 2>/dev/null || true)
    case "$p" in '' | *[!0-9]*) ;; *) _svc_kill_wait "$p" ;; esac
    rm -f "$f"
  done
  # a postmaster whose Patroni was killed keeps running: stop it by its data directory
  local data pid
  for data in "$dir"/pg-ha/pg*/data; do
    [ -f "$data/postmaster.pid" ] || continue
    pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
    case "$pid" in '' | *[!0-9]*) ;; *) if alive "$pid"; then kill -QUIT "$pid" 2>/dev/null || true; fi ;; esac
  done
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-}" in
    up) shift; pgha_up "$@"; cat "$1/pg-ha/pg-ha.env" ;;
    status) shift; pgha_status "$@" ;;
    leader) shift; pgha_leader "$@" ;;
    pids) shift; pgha_pids "$@" ;;
    down) shift; pgha_down "$@" ;;
    -h | --help | '') sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; [ -n "${1:-}" ] ;;
    *) pgha_die "unknown command '$1' (pg-ha.sh --help)" ;;
  esac
fi
