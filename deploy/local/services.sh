# shellcheck shell=bash
#
# Throwaway local services for tests and local clusters: PostgreSQL, Redis and
# HAProxy from Debian's packages, each on a free port of 127.0.0.1, with all
# state under one directory the caller owns (normally a `mktemp -d`).
#
# Sourced by deploy/local/test-all.sh (and later by `poker cluster up`).
# Functions:
#   make_service_dir [NAME]                         mktemp -d a state directory, print it
#   ensure_packages [postgres] [redis] [haproxy] [chromium]   install what is missing (apt-get); also
#                                                   kubectl, patroni, etcd, pgbackrest (deploy, issue 16), prometheus
#   free_port                                       print a free TCP port on 127.0.0.1
#   start_postgres DIR    initdb + start in DIR/pg; sets PG_BIN PG_PORT PG_DATA PG_RUN_AS
#   stop_postgres DIR     pg_ctl stop -m immediate (no-op when not running)
#   start_redis DIR       start redis-server in DIR/redis; sets REDIS_BIN REDIS_PORT
#   stop_redis DIR        kill it (no-op when not running)
#   haproxy_bin           print the path of the haproxy binary
#   pg_bin_dir            print the newest /usr/lib/postgresql/<v>/bin (initdb, pg_ctl, postgres)
#   alive PID             true when the process exists and is not a zombie
#   svc_spawn PIDFILE LOG CMD...  start CMD detached, its pid in PIDFILE
#   kill_procs_under DIR  kill processes listed in DIR/pids/*.pid, or whose command
#                         line or working directory is inside DIR
#
# The database is initialised with `initdb --auth=trust -U poker` and has a
# database `poker_test`. PostgreSQL refuses to run as root: as root it runs as the
# `postgres` system user (or `nobody`) through runuser; otherwise as the current user.
# Port, listen address, socket dir and the speed settings live in postgresql.conf, so
# `pg_ctl -D "$PG_DATA" start` restarts it on the same port.

svc_log() { printf '[services] %s\n' "$*" >&2; }
svc_fail() { printf '[services] ERROR: %s\n' "$*" >&2; return 1; }

# Runs "$@" as root: directly when root, otherwise through sudo.
_svc_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    if [ -t 0 ]; then sudo "$@"; else sudo -n "$@"; fi
  else
    svc_fail "need root to run '$*' (not root and no sudo); install the packages by hand"
  fi
}

pg_bin_dir() {
  local d best="" best_v=-1 v
  for d in /usr/lib/postgresql/*/bin; do
    if [ ! -x "$d/initdb" ] || [ ! -x "$d/pg_ctl" ] || [ ! -x "$d/postgres" ]; then continue; fi
    v=${d#/usr/lib/postgresql/}
    v=${v%%/*}
    v=${v%%.*}
    case "$v" in '' | *[!0-9]*) continue ;; esac
    if [ "$v" -gt "$best_v" ]; then best_v=$v best=$d; fi
  done
  if [ -z "$best" ] && command -v pg_ctl >/dev/null 2>&1; then
    # Not a Debian layout: fall back to the pg_ctl on PATH (symlinks resolved).
    d=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
    if [ -x "$d/initdb" ] && [ -x "$d/postgres" ]; then best=$d; fi
  fi
  [ -n "$best" ] || return 1
  printf '%s\n' "$best"
}

haproxy_bin() {
  local b
  b=$(command -v haproxy 2>/dev/null || true)
  if [ -z "$b" ] && [ -x /usr/sbin/haproxy ]; then b=/usr/sbin/haproxy; fi
  [ -n "$b" ] || return 1
  printf '%s\n' "$b"
}

_svc_redis_bin() {
  local b
  b=$(command -v redis-server 2>/dev/null || true)
  if [ -z "$b" ] && [ -x /usr/bin/redis-server ]; then b=/usr/bin/redis-server; fi
  [ -n "$b" ] || return 1
  printf '%s\n' "$b"
}

# ensure_packages [postgres] [redis] [haproxy]  (default: all three)
ensure_packages() {
  local want=("$@") pkgs=() w
  [ ${#want[@]} -gt 0 ] || want=(postgres redis haproxy)
  for w in "${want[@]}"; do
    case "$w" in
      postgres) pg_bin_dir >/dev/null || pkgs+=(postgresql) ;;
      redis) _svc_redis_bin >/dev/null || pkgs+=(redis-server) ;;
      haproxy) haproxy_bin >/dev/null || pkgs+=(haproxy) ;;
      # deploy (issue 16): kubectl renders deploy/k8s (bookworm's kubernetes-client: kubectl 1.20, kustomize
      # 2.0.3, which deploy/k8s is written for); Patroni, etcd and pgBackRest for PostgreSQL HA and backups
      kubectl) command -v kubectl >/dev/null 2>&1 || pkgs+=(kubernetes-client) ;;
      patroni) command -v patroni >/dev/null 2>&1 || pkgs+=(patroni) ;;
      etcd) command -v etcd >/dev/null 2>&1 || pkgs+=(etcd-server) ;;
      pgbackrest) command -v pgbackrest >/dev/null 2>&1 || pkgs+=(pgbackrest) ;;
      prometheus) command -v promtool >/dev/null 2>&1 || pkgs+=(prometheus) ;; # issue 15: promtool, PrometheusDashboardsIT
      chromium) { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; } || pkgs+=(chromium chromium-driver) ;;
      *) svc_fail "ensure_packages: unknown service '$w'" || return ;;
    esac
  done
  [ ${#pkgs[@]} -gt 0 ] || return 0

  if ! command -v apt-get >/dev/null 2>&1; then
    svc_fail "missing ${pkgs[*]} and apt-get is not available; install them by hand"
    return
  fi
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    svc_fail "missing packages: ${pkgs[*]}; not root and sudo is not installed, so they cannot be installed. Run as root: apt-get update && apt-get install -y ${pkgs[*]}"
    return
  fi
  svc_log "installing ${pkgs[*]} with apt-get"
  # Keep the packages' own init scripts from starting system-wide services:
  # only when no policy-rc.d is in place, and removed again afterwards.
  local policy=/usr/sbin/policy-rc.d added_policy=0 rc=0
  if [ ! -e "$policy" ]; then
    if _svc_as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"; then
      added_policy=1
    fi
  fi
  local log
  log=$(mktemp "${TMPDIR:-/tmp}/poker-apt.XXXXXXXX") || return
  _svc_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$log" 2>&1 || rc=$?
  if [ "$rc" -eq 0 ]; then
    _svc_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends "${pkgs[@]}" >>"$log" 2>&1 || rc=$?
  fi
  if [ "$added_policy" -eq 1 ]; then _svc_as_root rm -f "$policy" || true; fi
  if [ "$rc" -ne 0 ]; then
    cat "$log" >&2
    rm -f "$log"
    svc_fail "apt-get install ${pkgs[*]} failed (exit $rc)"
    return
  fi
  rm -f "$log"
  for w in "${want[@]}"; do
    case "$w" in
      postgres) pg_bin_dir >/dev/null || { svc_fail "PostgreSQL binaries not found after install"; return; } ;;
      redis) _svc_redis_bin >/dev/null || { svc_fail "redis-server not found after install"; return; } ;;
      haproxy) haproxy_bin >/dev/null || { svc_fail "haproxy not found after install"; return; } ;;
      kubectl | patroni | etcd | pgbackrest)
        command -v "$w" >/dev/null 2>&1 || { svc_fail "$w not found after install"; return; } ;;
      chromium) [ -x /usr/bin/chromedriver ] || { svc_fail "chromium/chromedriver not found after install"; return; } ;;
    esac
  done
}

# True when something uses TCP port $1 on this machine.
_svc_port_busy() {
  local p=$1
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null
  fi
}

# Prints a TCP port on 127.0.0.1 that nothing uses now, below the ephemeral range.
free_port() {
  local i p
  for ((i = 0; i < 200; i++)); do
    p=$((15000 + (RANDOM * 32768 + RANDOM) % 17000))
    if ! _svc_port_busy "$p"; then
      printf '%s\n' "$p"
      return 0
    fi
  done
  svc_fail "no free TCP port found"
}

# Runs "$@" as the PostgreSQL user $1 (empty: the current user), from directory $2.
_svc_pg_run() {
  local user=$1 dir=$2
  shift 2
  if [ -n "$user" ] && [ "$user" != "$(id -un)" ]; then
    (cd "$dir" && runuser -u "$user" -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

# The OS user PostgreSQL runs as: empty for the current user.
_svc_pg_os_user() {
  if [ "$(id -u)" -ne 0 ]; then
    printf '\n'
  elif id -u postgres >/dev/null 2>&1; then
    printf 'postgres\n'
  else
    printf 'nobody\n'
  fi
}

# start_postgres DIR: sets PG_BIN PG_PORT PG_DATA PG_RUN_AS (and exports nothing).
start_postgres() {
  local dir=${1:?start_postgres DIR}
  local pgdir="$dir/pg" bin user port attempt
  bin=$(pg_bin_dir) || { svc_fail "PostgreSQL binaries not found (run ensure_packages)"; return; }
  user=$(_svc_pg_os_user)
  mkdir -p "$pgdir/sock"
  if [ -n "$user" ]; then
    command -v runuser >/dev/null 2>&1 || { svc_fail "runuser (util-linux) is needed to run PostgreSQL as '$user'"; return; }
    chmod 0711 "$dir"
    chown -R "$user" "$pgdir"
    if ! runuser -u "$user" -- test -w "$pgdir"; then
      svc_fail "user '$user' cannot write $pgdir (is a parent directory private? set TMPDIR)"
      return
    fi
  fi
  if ! _svc_pg_run "$user" "$pgdir" "$bin/initdb" -D "$pgdir/data" --auth=trust -U poker \
    -E UTF8 --locale=C --no-sync >"$pgdir/initdb.log" 2>&1; then
    cat "$pgdir/initdb.log" >&2
    svc_fail "initdb failed"
    return
  fi
  for attempt in 1 2 3 4 5; do
    port=$(free_port) || return
    # shellcheck disable=SC2016 # $1 is expanded by sh
    _svc_pg_run "$user" "$pgdir" sh -c 'cat >> "$1"' sh "$pgdir/data/postgresql.conf" <<EOF

# --- throwaway test instance (deploy/local/services.sh) ---
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$pgdir/sock'
# durable, as in production: the node refuses a server with fsync or full_page_writes off (unless
# started with --unsafe-durability) and raises a weaker synchronous_commit to on for its sessions
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 200
logging_collector = off
EOF
    if _svc_pg_run "$user" "$pgdir" "$bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/postgres.log" \
      -w -t 60 start >/dev/null 2>&1; then
      break
    fi
    if [ "$attempt" -eq 5 ]; then
      tail -n 30 "$pgdir/postgres.log" >&2 || true
      svc_fail "PostgreSQL did not start"
      return
    fi
    svc_log "PostgreSQL did not start on port $port; trying another port"
  done
  if ! "$bin/createdb" -h 127.0.0.1 -p "$port" -U poker poker_test; then
    svc_fail "createdb poker_test failed"
    return
  fi
  # shellcheck disable=SC2034 # results for the caller
  PG_BIN=$bin PG_PORT=$port PG_DATA="$pgdir/data" PG_RUN_AS=$user
  svc_log "PostgreSQL $("$bin/postgres" -V | sed -n 's/^[^0-9]*\([0-9][^ ]*\).*/\1/p') on 127.0.0.1:$port (data $PG_DATA${user:+, as $user})"
}

stop_postgres() {
  local dir=${1:?stop_postgres DIR}
  local data="$dir/pg/data" bin user pid
  [ -f "$data/postmaster.pid" ] || return 0
  bin=$(pg_bin_dir) || return 0
  user=$(stat -c %U "$data")
  [ "$user" != "$(id -un)" ] || user=""
  if ! _svc_pg_run "$user" "$dir" "$bin/pg_ctl" -D "$data" stop -m immediate -w -t 30 >/dev/null 2>&1; then
    pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
    case "$pid" in '' | *[!0-9]*) ;; *) kill -9 "$pid" 2>/dev/null || true ;; esac
  fi
}

# Sends PING to the Redis on port $1 and succeeds on +PONG (pure bash).
_svc_redis_ping() {
  local line=""
  {
    exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
    printf 'PING\r\n' >&3
    read -r -t 2 line <&3 || true
    exec 3>&-
  } 2>/dev/null
  [ "${line%$'\r'}" = "+PONG" ]
}

# start_redis DIR: sets REDIS_BIN REDIS_PORT; the pid is in DIR/redis/redis.pid.
start_redis() {
  local dir=${1:?start_redis DIR}
  local rdir="$dir/redis" bin port pid attempt i
  bin=$(_svc_redis_bin) || { svc_fail "redis-server not found (run ensure_packages)"; return; }
  mkdir -p "$rdir"
  for attempt in 1 2 3 4 5; do
    port=$(free_port) || return
    (cd "$rdir" && exec "$bin" --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
      --daemonize no --dir "$rdir" --logfile "$rdir/redis.log") </dev/null >/dev/null 2>&1 &
    pid=$!
    printf '%s\n' "$pid" >"$rdir/redis.pid"
    for ((i = 0; i < 100; i++)); do
      if _svc_redis_ping "$port"; then
        # shellcheck disable=SC2034 # results for the caller
        REDIS_BIN=$bin REDIS_PORT=$port
        svc_log "Redis $("$bin" --version | sed -n 's/.* v=\([^ ]*\).*/\1/p') on 127.0.0.1:$port"
        return 0
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    stop_redis "$dir"
    svc_log "Redis did not start on port $port; trying another port"
  done
  tail -n 30 "$rdir/redis.log" >&2 || true
  svc_fail "Redis did not start"
}

# svc_spawn PIDFILE LOGFILE CMD...: starts CMD detached (own session, stdin from /dev/null, output
# appended to LOGFILE) and writes its pid to PIDFILE from inside the new process, before it execs CMD.
# Fails when no pid file appears within 5 s. (deploy, issue 16: shared by cluster.sh and pg-ha.sh)
svc_spawn() {
  local pidfile=$1 logfile=$2 i
  shift 2
  rm -f "$pidfile"
  local detach=()
  if command -v setsid >/dev/null 2>&1; then detach=(setsid); fi
  # shellcheck disable=SC2016 # $$ and $0 are expanded by sh
  "${detach[@]}" sh -c 'echo $$ >"$0" && exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 &
  for ((i = 0; i < 100; i++)); do
    [ -s "$pidfile" ] && return 0
    sleep 0.05
  done
  return 1
}

# Kills pid $1: TERM, then KILL after ~5 s.
# True when pid $1 exists and is not a zombie (reads /proc with builtins only: no fork per process).
alive() {
  local k v
  {
    while read -r k v; do
      if [ "$k" = State: ]; then
        case "$v" in Z* | X*) return 1 ;; *) return 0 ;; esac
      fi
    done <"/proc/$1/status"
  } 2>/dev/null
  return 1
}

_svc_kill_wait() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

stop_redis() {
  local dir=${1:?stop_redis DIR}
  local pidfile="$dir/redis/redis.pid" pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  case "$pid" in '' | *[!0-9]*) ;; *) _svc_kill_wait "$pid" ;; esac
  wait "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

# Creates and prints a new state directory (mktemp -d) with a marker file and an
# empty pids/ directory where tests may record the pids of what they start.
make_service_dir() {
  local d
  d=$(mktemp -d "${TMPDIR:-/tmp}/poker-${1:-svc}.XXXXXXXX") || return
  : >"$d/.poker-services"
  mkdir "$d/pids"
  printf '%s\n' "$d"
}

# Kills what tests left behind: pids in DIR/pids/*.pid, and any process whose
# command line mentions DIR or whose working directory is inside DIR.
# DIR must have been made by make_service_dir.
kill_procs_under() {
  local dir=${1:?kill_procs_under DIR}
  local pids=() f p cmd cwd
  [ -f "$dir/.poker-services" ] || { svc_fail "kill_procs_under: $dir was not made by make_service_dir"; return; }
  if [ -d "$dir/pids" ]; then
    for f in "$dir"/pids/*.pid; do
      [ -f "$f" ] || continue
      p=$(head -n 1 "$f" 2>/dev/null || true)
      rm -f "$f"
      case "$p" in '' | *[!0-9]*) ;; *) pids+=("$p") ;; esac
    done
  fi
  for f in /proc/[0-9]*; do
    p=${f#/proc/}
    if [ "$p" = "$$" ] || [ "$p" = "${BASHPID:-$$}" ]; then continue; fi
    cmd=$( { tr '\0' ' ' <"$f/cmdline"; } 2>/dev/null || true)
    cwd=$(readlink "$f/cwd" 2>/dev/null || true)
    case "$cmd" in *"$dir"/* | *"$dir" | *"$dir "*) pids+=("$p"); continue ;; esac
    case "$cwd" in "$dir" | "$dir"/*) pids+=("$p") ;; esac
  done
  local live=() names=() state
  for p in "${pids[@]}"; do
    # skip processes that are gone or zombies (nothing left to stop)
    state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$p/status" 2>/dev/null || true)
    case "$state" in '' | Z | X) continue ;; esac
    live+=("$p")
    names+=("$p:$(cat "/proc/$p/comm" 2>/dev/null || echo '?')")
  done
  [ ${#live[@]} -gt 0 ] || return 0
  pids=("${live[@]}")
  svc_log "stopping leftover processes: ${names[*]}"
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do _svc_kill_wait "$p"; done
}
