#!/usr/bin/env bash
# `./poker cluster up|down|status`: a development cluster on 127.0.0.1 — PostgreSQL, Redis, HAProxy
# and N poker nodes — with all its state (data, logs, pids, secrets) in one directory,
# ${POKER_CLUSTER_DIR:-<repository>/.cluster}. Installs the Debian packages postgresql,
# redis-server and haproxy when missing (services.sh). `down` stops exactly the processes `up`
# recorded. See usage below and docs/cluster-local.md.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=services.sh
. "$here/services.sh"
# shellcheck source=pg-ha.sh
. "$here/pg-ha.sh" # --pg-ha: PostgreSQL under Patroni (functions only when sourced)

jar="$root/server/target/poker.jar"
state=${POKER_CLUSTER_DIR:-$root/.cluster}
case "$state" in /*) ;; *) state="$PWD/$state" ;; esac
while [ "${#state}" -gt 1 ] && [ "${state%/}" != "$state" ]; do state=${state%/}; done
[ "$state" != / ] || { echo "poker cluster: POKER_CLUSTER_DIR must not be /" >&2; exit 2; }
timeout_s=${POKER_CLUSTER_TIMEOUT:-180}
db_name=poker
db_user=poker

usage() {
  cat <<'EOF'
Usage: ./poker cluster up [--nodes N] [--lb-port P] [--base-port P] [--pg-ha]
       ./poker cluster status
       ./poker cluster down [--keep-data]

A development cluster on 127.0.0.1: one PostgreSQL database shared by N poker nodes,
Redis (which puts the nodes in cluster mode) and HAProxy in front of them. The Debian
packages postgresql, redis-server and haproxy are installed with apt-get when missing
(as root, or through sudo). Everything lives in one state directory:
${POKER_CLUSTER_DIR:-<repository>/.cluster} (data, logs, pids, the shared token secret
and the admin token).

up       builds poker.jar when it is stale, starts PostgreSQL, Redis, the nodes and
         HAProxy, waits until every node's /health and HAProxy answer 200, and prints
         the URLs. Refuses when a cluster of the same state directory is running. After
         `down --keep-data` it starts again on the kept database and secrets.
  --nodes N        number of poker nodes, 1 to 50 (default 3)
  --lb-port P      HAProxy's port (default 8080); fails when the port is in use
  --base-port P    node ports P, P+1, ... (default: free ports)
  --pg-ha          PostgreSQL under Patroni instead of one instance: etcd, a primary and a
                   synchronous standby, HAProxy sending the nodes to the current primary
                   (deploy/local/pg-ha.sh; Debian packages patroni, etcd-server). Kill the
                   primary and the standby takes over; `down` always removes its data.
status   which processes are alive, each node's /health, HAProxy's port and its view of
         the nodes, the admin token. Exit 0 when all is up and healthy, 1 when not,
         3 when there is no cluster in the state directory.
down     stops the processes `up` started (HAProxy, nodes, Redis, PostgreSQL), then
         deletes the state directory's data.
  --keep-data      keep the database, node data, logs and secrets for the next `up`

Environment:
  POKER_CLUSTER_DIR      state directory (default <repository>/.cluster)
  POKER_CLUSTER_TIMEOUT  seconds to wait for the nodes and HAProxy (default 180)
  POKER_JAVA_OPTS        JVM options of every node (e.g. -Xmx512m)
  other POKER_* settings (POKER_HAND_DELAY_MS, POKER_LOG_LEVEL, ...) reach every node;
  the cluster sets POKER_PORT POKER_HOST POKER_NODE_ID POKER_DATA_DIR POKER_DB_URL
  POKER_DB_USER POKER_DB_PASSWORD POKER_REDIS_URL POKER_TOKEN_SECRET POKER_ADMIN_TOKEN.

Examples:
  ./poker cluster up --nodes 3
  ./poker bots --url ws://127.0.0.1:8080/ws --players 12 --think-ms 500
  ./poker cluster down
EOF
}

log() { printf '[cluster] %s\n' "$*" >&2; }
die() { printf 'poker cluster: %s\n' "$*" >&2; exit 1; }
usage_error() { printf 'poker cluster: %s (./poker cluster --help)\n' "$*" >&2; exit 2; }

# The launcher as the caller can type it, and with the state directory when it is not the default
# (for the printed hints).
poker_path() { if [ "$PWD" = "$root" ]; then printf './poker'; else printf '%s' "$root/poker"; fi; }
poker_cmd() {
  if [ -n "${POKER_CLUSTER_DIR:-}" ]; then printf 'POKER_CLUSTER_DIR=%q ' "$state"; fi
  poker_path
}

# ---------------------------------------------------------------------------------------------
# processes

# These helpers read /proc with builtins only: a scan of every process must not fork per process.

# Sets CMD to the command line of pid $1 (arguments joined by spaces; empty when unreadable).
read_cmdline() {
  local a=()
  CMD=""
  { mapfile -d '' -t a <"/proc/$1/cmdline"; } 2>/dev/null || return 0
  CMD="${a[*]}"
}

# Sets COMM to the command name of pid $1.
read_comm() {
  COMM=""
  { read -r COMM <"/proc/$1/comm"; } 2>/dev/null || true
}

# True when pid $1 is alive and is one of this cluster's processes: its command line names a path
# in the state directory (nodes, HAProxy, PostgreSQL) or it runs in it (Redis renames itself).
ours() {
  local p=$1 cwd
  case "$p" in '' | *[!0-9]*) return 1 ;; esac
  alive "$p" || return 1
  read_cmdline "$p"
  case "$CMD" in *"$state/"*) return 0 ;; esac
  cwd=$(readlink "/proc/$p/cwd" 2>/dev/null || true)
  case "$cwd" in "$state" | "$state"/*) return 0 ;; esac
  return 1
}

# Processes that only `up` starts, found without pid files (a crashed `up`, a lost pid file):
# nodes (-Dpoker.cluster.node=STATE/...), HAProxy (-f STATE/haproxy/...), PostgreSQL
# (-D STATE/pg/data) and Redis (redis-server working in STATE/redis). Other processes that mention
# the state directory (a `tail -f` of a log, a shell in it) are not matched.
strays() {
  local f p
  for f in /proc/[0-9]*; do
    p=${f#/proc/}
    if [ "$p" = "$$" ] || [ "$p" = "$BASHPID" ]; then continue; fi
    read_cmdline "$p"
    case "$CMD" in
      *"-Dpoker.cluster.node=$state/nodes/node"* | *" -f $state/haproxy/"* | *" -D $state/pg/data"*) ;;
      *)
        read_comm "$p"
        [ "$COMM" = redis-server ] || continue
        [ "$(readlink "$f/cwd" 2>/dev/null || true)" = "$state/redis" ] || continue
        ;;
    esac
    if alive "$p"; then printf '%s\n' "$p"; fi
  done
}

# The recorded pid of component $1 (node1, haproxy, redis, postgres), or nothing.
recorded_pid() {
  local p
  p=$(head -n 1 "$state/pids/$1.pid" 2>/dev/null || true)
  case "$p" in '' | *[!0-9]*) ;; *) printf '%s\n' "$p" ;; esac
}

# Starts "$@" detached (own session, stdin from /dev/null, output appended to $2) and writes its pid
# to $1 from inside the new process, before it execs the command.
spawn() {
  svc_spawn "$@" || die "could not start $3 (no pid file $1; see $2)"
}

# Sends TERM to the given pids (only those that are ours), waits up to $1 seconds, then KILLs.
stop_pids() {
  local wait_s=$1 p i left
  shift
  local pids=()
  for p in "$@"; do if ours "$p"; then pids+=("$p"); fi; done
  [ ${#pids[@]} -gt 0 ] || return 0
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for ((i = 0; i < wait_s * 10; i++)); do
    left=0
    for p in "${pids[@]}"; do if alive "$p"; then left=1; fi; done
    [ "$left" -eq 1 ] || return 0
    sleep 0.1
  done
  for p in "${pids[@]}"; do
    if alive "$p"; then
      log "pid $p did not stop within ${wait_s}s: killing it"
      kill -KILL "$p" 2>/dev/null || true
    fi
  done
  for ((i = 0; i < 50; i++)); do
    left=0
    for p in "${pids[@]}"; do if alive "$p"; then left=1; fi; done
    [ "$left" -eq 1 ] || return 0
    sleep 0.1
  done
}

stop_pg() {
  local data="$state/pg/data" bin user
  if [ -f "$data/postmaster.pid" ] && bin=$(pg_bin_dir); then
    user=$(stat -c %U "$data")
    [ "$user" != "$(id -un)" ] || user=""
    _svc_pg_run "$user" "$state" "$bin/pg_ctl" -D "$data" stop -m fast -w -t 30 >/dev/null 2>&1 ||
      stop_postgres "$state" || true
  fi
  stop_pids 10 "$(recorded_pid postgres)"
}

# Stops everything of this cluster: HAProxy first (no new players), then the nodes (they drain and
# tell their players to reconnect), Redis, PostgreSQL, and then anything `strays` still finds.
stop_all() {
  local f name node_pids=() p
  stop_pids 10 "$(recorded_pid haproxy)"
  for f in "$state"/pids/node*.pid; do
    [ -f "$f" ] || continue
    name=${f##*/}
    p=$(recorded_pid "${name%.pid}")
    [ -z "$p" ] || node_pids+=("$p")
  done
  [ ${#node_pids[@]} -eq 0 ] || stop_pids 30 "${node_pids[@]}"
  stop_pids 10 "$(recorded_pid redis)"
  stop_pg
  if [ -d "$state/pg-ha" ]; then pgha_down "$state"; fi
  local left=()
  mapfile -t left < <(strays)
  if [ ${#left[@]} -gt 0 ]; then
    log "stopping processes of this cluster without a pid file: ${left[*]}"
    stop_pids 10 "${left[@]}"
  fi
  rm -f "$state"/pids/*.pid "$state/redis/redis.pid"
}

# Prints the live recorded pids (component:pid), one a line.
running() {
  local f name p
  for f in "$state"/pids/*.pid; do
    [ -f "$f" ] || continue
    name=${f##*/}
    name=${name%.pid}
    p=$(recorded_pid "$name")
    if ours "$p"; then printf '%s:%s\n' "$name" "$p"; fi
  done
  for p in $(strays); do
    grep -qx "$p" "$state"/pids/*.pid 2>/dev/null || printf 'unrecorded:%s\n' "$p"
  done
}

# ---------------------------------------------------------------------------------------------
# HTTP and ports

# GET http://127.0.0.1:$1$2: prints the status code (000 when there is no answer), then the body.
http_get() {
  local port=$1 path=$2
  if command -v curl >/dev/null 2>&1; then
    local out
    out=$(curl -s -m 5 -w '\n%{http_code}' "http://127.0.0.1:$port$path" 2>/dev/null || true)
    printf '%s\n' "${out##*$'\n'}"
    case "$out" in *$'\n'*) printf '%s\n' "${out%$'\n'*}" ;; esac
  else
    (
      exec 3<>"/dev/tcp/127.0.0.1/$port" || { echo 000; exit 0; }
      printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$path" "$port" >&3
      IFS= read -r -t 5 line <&3 || { echo 000; exit 0; }
      line=${line#* }
      printf '%s\n' "${line%% *}"
      body=0
      while IFS= read -r -t 5 line <&3 || [ -n "$line" ]; do
        line=${line%$'\r'}
        if [ "$body" -eq 1 ]; then printf '%s\n' "$line"; elif [ -z "$line" ]; then body=1; fi
      done
    ) 2>/dev/null
  fi
}

http_status() {
  local out
  out=$(http_get "$1" "$2")
  printf '%s\n' "${out%%$'\n'*}"
}

# True when something listens on TCP port $1 (a socket in TIME_WAIT does not count: the servers
# started here bind with SO_REUSEADDR, so a port of a cluster just stopped can be used again at once).
listening() {
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Htln "( sport = :$1 )" 2>/dev/null)" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# Describes what listens on TCP port $1 (for error messages).
port_user() {
  local u
  u=$(ss -Htlnp "( sport = :$1 )" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -n 1 || true)
  [ -z "$u" ] || printf ' (%s)' "$u"
}

check_port_arg() { # name value
  case "$2" in '' | *[!0-9]*) usage_error "$1 needs a port number, not '$2'" ;; esac
  if [ "$2" -lt 1 ] || [ "$2" -gt 65535 ]; then usage_error "$1 must be 1 to 65535, not $2"; fi
}

# ---------------------------------------------------------------------------------------------
# up

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

tail_log() { # title file
  [ -f "$2" ] || return 0
  printf -- '--- last lines of %s (%s) ---\n' "$1" "$2" >&2
  tail -n 40 "$2" >&2 || true
  printf -- '---\n' >&2
}

up_fresh=0
up_done=0
up_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [ "$up_done" -ne 1 ]; then
    [ "$rc" -ne 0 ] || rc=1
    log "up failed (exit $rc): stopping what it started"
    stop_all
    if [ "$up_fresh" -eq 1 ]; then
      remove_data
    else
      log "the state directory $state is kept"
    fi
  fi
  exit "$rc"
}

# Saves the cluster's settings (sourced by status and down).
save_env() {
  {
    printf '# written by ./poker cluster up; read by status and down\n'
    printf 'CL_NODES=%q\n' "$nodes"
    printf 'CL_LB_PORT=%q\n' "$lb_port"
    printf 'CL_STATS_PORT=%q\n' "${stats_port:-}"
    printf 'CL_PG_PORT=%q\n' "${PG_PORT:-}"
    printf 'CL_REDIS_PORT=%q\n' "${REDIS_PORT:-}"
    printf 'CL_NODE_PORTS=%q\n' "${node_ports[*]:-}"
    printf 'CL_DB=%q\n' "$db_name"
    printf 'CL_STARTED=%q\n' "$(date '+%Y-%m-%d %H:%M:%S')"
  } >"$state/cluster.env"
}

# Starts PostgreSQL on the kept data directory (after `down --keep-data`): same port when free,
# another otherwise (appended to postgresql.conf, where the last setting wins).
restart_postgres() {
  local pgdir="$state/pg" bin user port
  bin=$(pg_bin_dir) || die "PostgreSQL binaries not found"
  user=$(stat -c %U "$pgdir/data")
  [ "$user" != "$(id -un)" ] || user=""
  port=$(sed -n 's/^port = \([0-9][0-9]*\).*/\1/p' "$pgdir/data/postgresql.conf" | tail -n 1)
  if [ -z "$port" ] || _svc_port_busy "$port"; then
    port=$(free_port)
    # shellcheck disable=SC2016 # $1 is expanded by sh
    _svc_pg_run "$user" "$pgdir" sh -c 'printf "port = %s\n" "$2" >> "$1"' sh "$pgdir/data/postgresql.conf" "$port"
  fi
  if ! _svc_pg_run "$user" "$pgdir" "$bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/postgres.log" \
    -w -t 60 start >/dev/null 2>&1; then
    tail_log PostgreSQL "$pgdir/postgres.log"
    die "PostgreSQL did not start on its kept data ($pgdir/data)"
  fi
  PG_BIN=$bin PG_PORT=$port
  log "PostgreSQL on 127.0.0.1:$port (kept data $pgdir/data${user:+, as $user})"
}

cmd_up() {
  nodes=3 lb_port=8080
  local base_port="" pg_ha=0
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; exit 0 ;;
      --nodes | --lb-port | --base-port)
        [ $# -ge 2 ] || usage_error "$1 needs a value"
        set -- "$1=$2" "${@:3}"
        continue
        ;;
      --nodes=*) nodes=${1#*=} ;;
      --lb-port=*) lb_port=${1#*=} ;;
      --base-port=*) base_port=${1#*=} ;;
      --pg-ha) pg_ha=1 ;;
      *) usage_error "unknown argument '$1' for up" ;;
    esac
    shift
  done
  case "$nodes" in '' | *[!0-9]*) usage_error "--nodes needs a whole number, not '$nodes'" ;; esac
  if [ "$nodes" -lt 1 ] || [ "$nodes" -gt 50 ]; then usage_error "--nodes must be 1 to 50, not $nodes"; fi
  check_port_arg --lb-port "$lb_port"
  if [ -n "$base_port" ]; then
    check_port_arg --base-port "$base_port"
    [ $((base_port + nodes - 1)) -le 65535 ] || usage_error "--base-port $base_port leaves no room for $nodes nodes"
  fi

  # The state directory: ours (marker file) or new and empty.
  if [ -e "$state" ] && [ ! -d "$state" ]; then die "$state exists and is not a directory"; fi
  if [ -d "$state" ] && [ ! -f "$state/.poker-cluster" ] && [ -n "$(ls -A "$state")" ]; then
    die "$state exists and was not made by ./poker cluster; set POKER_CLUSTER_DIR to another directory"
  fi
  if [ -f "$state/.poker-cluster" ]; then
    local live
    live=$(running | tr '\n' ' ')
    if [ -n "$live" ]; then
      die "a cluster is already running from $state (${live% }): see '$(poker_cmd) cluster status', or stop it with '$(poker_cmd) cluster down'"
    fi
  fi

  # Ports the caller chose must be free now.
  local i p
  node_ports=()
  if listening "$lb_port"; then
    die "port $lb_port is in use$(port_user "$lb_port"); choose another load-balancer port with --lb-port P"
  fi
  if [ -n "$base_port" ]; then
    for ((i = 0; i < nodes; i++)); do
      p=$((base_port + i))
      [ "$p" -ne "$lb_port" ] || usage_error "node port $p (--base-port $base_port) is also the --lb-port"
      listening "$p" && die "node port $p is in use$(port_user "$p"); choose another --base-port, or leave it out for free ports"
      node_ports+=("$p")
    done
  fi

  # poker.jar, built by the launcher when missing or stale.
  local out
  log "checking poker.jar (built when missing or older than the sources; the first build takes minutes)"
  if ! out=$(POKER_JAVA_OPTS='' "$root/poker" --help 2>&1 >/dev/null); then
    printf '%s\n' "$out" >&2
    die "could not build $jar, or run it (./poker --help failed)"
  fi
  [ -f "$jar" ] || die "$jar is missing after the build"
  local java=java
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; fi

  ensure_packages postgres redis haproxy
  [ "$pg_ha" -eq 0 ] || ensure_packages patroni etcd
  local haproxy
  haproxy=$(haproxy_bin)

  if [ -d "$state/pg/data" ]; then up_fresh=0; else up_fresh=1; fi
  mkdir -p "$state"
  : >"$state/.poker-cluster"
  printf '*\n' >"$state/.gitignore" # keeps the default <repository>/.cluster out of git status
  mkdir -p "$state/pids" "$state/nodes" "$state/haproxy"
  rm -f "$state"/pids/*.pid
  trap up_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # Secrets shared by all nodes; kept with the data.
  if [ ! -s "$state/token-secret" ]; then (umask 077 && random_hex 32 >"$state/token-secret"); fi
  if [ ! -s "$state/admin-token" ]; then (umask 077 && random_hex 24 >"$state/admin-token"); fi
  local secret admin
  secret=$(cat "$state/token-secret")
  admin=$(cat "$state/admin-token")

  # PostgreSQL: one database shared by every node (--pg-ha: behind HAProxy, on the Patroni primary).
  local db_password=''
  if [ "$pg_ha" -eq 1 ]; then
    [ ! -d "$state/pg-ha" ] || die "$state holds an earlier --pg-ha cluster: '$(poker_cmd) cluster down' first"
    [ "$up_fresh" -eq 1 ] || die "--pg-ha needs a fresh state directory (this one has a single-instance database)"
    pgha_up "$state"
    PG_PORT=$PGHA_PORT db_password=poker
    printf 'CL_PG_HA=1\n' >"$state/pg-ha.flag"
  elif [ "$up_fresh" -eq 1 ]; then
    rm -rf "$state/pg"
    start_postgres "$state" || { tail_log PostgreSQL "$state/pg/postgres.log"; die "PostgreSQL did not start"; }
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$db_user" "$db_name" || die "createdb $db_name failed"
  else
    restart_postgres
  fi
  [ "$pg_ha" -eq 1 ] || head -n 1 "$state/pg/data/postmaster.pid" >"$state/pids/postgres.pid"

  rm -rf "$state/redis"
  start_redis "$state" || die "Redis did not start"
  cp "$state/redis/redis.pid" "$state/pids/redis.pid"

  # Node ports: the caller's, or free ones (distinct, not the load balancer's).
  if [ ${#node_ports[@]} -eq 0 ]; then
    while [ ${#node_ports[@]} -lt "$nodes" ]; do
      p=$(free_port)
      [ "$p" -ne "$lb_port" ] || continue
      case " ${node_ports[*]} " in *" $p "*) continue ;; esac
      node_ports+=("$p")
    done
  fi
  while :; do
    stats_port=$(free_port)
    [ "$stats_port" -ne "$lb_port" ] || continue
    case " ${node_ports[*]} " in *" $stats_port "*) continue ;; esac
    break
  done
  save_env

  log "starting $nodes node(s) on ports ${node_ports[*]}"
  local n dir
  for ((i = 1; i <= nodes; i++)); do
    n=node$i
    dir="$state/nodes/$n"
    mkdir -p "$dir/data"
    printf '\n=== %s: %s started by ./poker cluster up on port %s\n' "$(date '+%F %T')" "$n" "${node_ports[$((i - 1))]}" >>"$dir/node.log"
    (
      export POKER_PORT="${node_ports[$((i - 1))]}" POKER_HOST=127.0.0.1 POKER_NODE_ID="$n" \
        POKER_DATA_DIR="$dir/data" \
        POKER_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$db_name" POKER_DB_USER="$db_user" POKER_DB_PASSWORD="$db_password" \
        POKER_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
        POKER_TOKEN_SECRET="$secret" POKER_ADMIN_TOKEN="$admin"
      # shellcheck disable=SC2086 # POKER_JAVA_OPTS is a list of JVM options
      spawn "$state/pids/$n.pid" "$dir/node.log" \
        "$java" ${POKER_JAVA_OPTS:-} "-Dpoker.cluster.node=$dir" -jar "$jar" serve
    )
  done

  # Every node's /health answers 200 (a node that exits fails the whole `up`).
  local deadline=$((SECONDS + timeout_s)) pending code
  while :; do
    pending=0
    for ((i = 1; i <= nodes; i++)); do
      n=node$i
      if ! ours "$(recorded_pid "$n")"; then
        tail_log "$n" "$state/nodes/$n/node.log"
        die "$n exited during startup"
      fi
      code=$(http_status "${node_ports[$((i - 1))]}" /health)
      [ "$code" = 200 ] || pending=$((pending + 1))
    done
    [ "$pending" -gt 0 ] || break
    if [ "$SECONDS" -ge "$deadline" ]; then
      for ((i = 1; i <= nodes; i++)); do
        code=$(http_status "${node_ports[$((i - 1))]}" /health)
        if [ "$code" != 200 ]; then tail_log "node$i (/health: $code)" "$state/nodes/node$i/node.log"; fi
      done
      die "$pending node(s) did not answer /health with 200 within ${timeout_s}s (POKER_CLUSTER_TIMEOUT)"
    fi
    sleep 0.5
  done
  log "all $nodes node(s) healthy"

  # HAProxy in front of them.
  local cfg="$state/haproxy/haproxy.cfg" addrs=()
  for p in "${node_ports[@]}"; do addrs+=("127.0.0.1:$p"); done
  bash "$root/deploy/haproxy/haproxy-cfg.sh" --bind "127.0.0.1:$lb_port" --stats "127.0.0.1:$stats_port" \
    "${addrs[@]}" >"$cfg"
  if ! out=$("$haproxy" -c -f "$cfg" 2>&1); then
    printf '%s\n' "$out" >&2
    die "HAProxy rejects the generated configuration $cfg"
  fi
  if listening "$lb_port"; then
    die "port $lb_port is in use$(port_user "$lb_port") (taken while the nodes started); choose another with --lb-port P"
  fi
  printf '\n=== %s: started by ./poker cluster up\n' "$(date '+%F %T')" >>"$state/haproxy/haproxy.log"
  spawn "$state/pids/haproxy.pid" "$state/haproxy/haproxy.log" "$haproxy" -db -f "$cfg"
  while :; do
    if ! ours "$(recorded_pid haproxy)"; then
      tail_log HAProxy "$state/haproxy/haproxy.log"
      die "HAProxy exited during startup"
    fi
    code=$(http_status "$lb_port" /health)
    [ "$code" != 200 ] || break
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail_log HAProxy "$state/haproxy/haproxy.log"
      die "HAProxy on port $lb_port did not answer /health with 200 within ${timeout_s}s (last: $code)"
    fi
    sleep 0.2
  done
  save_env
  up_done=1
  trap - EXIT INT TERM

  local pc
  pc=$(poker_cmd)
  cat <<EOF

poker cluster: $nodes node(s) up (state in $state)

  load balancer  ws://127.0.0.1:$lb_port/ws   (HAProxy statistics: http://127.0.0.1:$stats_port/)
EOF
  for ((i = 1; i <= nodes; i++)); do
    p=${node_ports[$((i - 1))]}
    printf '  %-13s  ws://127.0.0.1:%s/ws   http://127.0.0.1:%s/health   log %s\n' "node$i" "$p" "$p" \
      "$state/nodes/node$i/node.log"
  done
  cat <<EOF
  PostgreSQL     jdbc:postgresql://127.0.0.1:$PG_PORT/$db_name (user $db_user, $([ "$pg_ha" -eq 1 ] && echo "password $db_password; HAProxy to the Patroni primary: $(poker_path) cluster status shows the members" || echo 'no password'))
  Redis          redis://127.0.0.1:$REDIS_PORT
  admin token    $admin
                 (drain a node: curl -X POST -H 'Authorization: Bearer $admin' http://127.0.0.1:${node_ports[0]}/admin/drain)

Play:    $(poker_path) bots --url ws://127.0.0.1:$lb_port/ws --players 12 --think-ms 500 --duration 60
Status:  $pc cluster status
Stop:    $pc cluster down     (--keep-data keeps the database for the next up)
EOF
}

# ---------------------------------------------------------------------------------------------
# status and down

load_env() {
  CL_NODES="" CL_LB_PORT="" CL_STATS_PORT="" CL_PG_PORT="" CL_REDIS_PORT="" CL_NODE_PORTS="" CL_DB="" CL_STARTED=""
  # shellcheck disable=SC1091 # written by save_env
  if [ -f "$state/cluster.env" ]; then . "$state/cluster.env"; fi
}

cmd_status() {
  case "${1:-}" in
    -h | --help) usage; exit 0 ;;
    '') ;;
    *) usage_error "unknown argument '$1' for status" ;;
  esac
  if [ ! -f "$state/.poker-cluster" ]; then
    echo "no cluster in $state"
    exit 3
  fi
  load_env
  local bad=0 p name code body line ports=() i
  read -r -a ports <<<"$CL_NODE_PORTS"
  if [ -z "$(running)" ]; then
    echo "cluster in $state: not running (data kept; '$(poker_cmd) cluster up' starts it)"
    exit 3
  fi
  echo "cluster in $state: ${CL_NODES:-?} node(s), started ${CL_STARTED:-?}"
  # One line per process.
  show() { # name pid detail
    if ours "$2"; then
      printf '  %-9s pid %-8s running   %s\n' "$1" "$2" "$3"
    else
      printf '  %-9s %-12s NOT RUNNING %s\n' "$1" "${2:+pid $2}" "$3"
      bad=1
    fi
  }
  if [ -f "$state/pg-ha.flag" ]; then
    show pg-ha "$(recorded_pid pgha-haproxy)" "jdbc:postgresql://127.0.0.1:$CL_PG_PORT/$CL_DB (HAProxy to the Patroni primary)"
    pgha_status "$state" | sed 's/^/            /' || bad=1
  else
    show postgres "$(recorded_pid postgres)" "jdbc:postgresql://127.0.0.1:$CL_PG_PORT/$CL_DB"
  fi
  show redis "$(recorded_pid redis)" "redis://127.0.0.1:$CL_REDIS_PORT"
  # HAProxy: its own /health (through to a node) and its view of each node.
  local lb_code=000 states=""
  if ours "$(recorded_pid haproxy)"; then
    lb_code=$(http_status "$CL_LB_PORT" /health)
    if [ -n "$CL_STATS_PORT" ]; then
      states=$(http_get "$CL_STATS_PORT" '/;csv' | awk -F, 'NR > 1 && $1 == "nodes" && $2 ~ /^node/ { printf "%s=%s ", $2, $18 }')
    fi
    [ "$lb_code" = 200 ] || bad=1
  fi
  show haproxy "$(recorded_pid haproxy)" "ws://127.0.0.1:$CL_LB_PORT/ws (GET /health: $lb_code)"
  [ -z "$states" ] || printf '  %-9s %s\n' "" "HAProxy sees: ${states% }"
  for ((i = 1; i <= ${CL_NODES:-0}; i++)); do
    name=node$i
    p=${ports[$((i - 1))]:-}
    show "$name" "$(recorded_pid "$name")" "http://127.0.0.1:$p"
    if ours "$(recorded_pid "$name")"; then
      body=$(http_get "$p" /health)
      code=${body%%$'\n'*}
      line=""
      case "$body" in *$'\n'*) line=${body#*$'\n'} line=${line//$'\n'/} ;; esac
      printf '  %-9s /health %s %s\n' "" "$code" "$line"
      [ "$code" = 200 ] || bad=1
    fi
  done
  local strays_left
  strays_left=$(running | sed -n 's/^unrecorded://p' | tr '\n' ' ')
  if [ -n "$strays_left" ]; then
    echo "  processes of this cluster without a pid file: $strays_left"
    bad=1
  fi
  echo "  admin token: $(cat "$state/admin-token" 2>/dev/null || echo '?')"
  echo "  load balancer: ws://127.0.0.1:$CL_LB_PORT/ws"
  exit "$bad"
}

# Deletes what `up` created in the state directory, and the directory when nothing else is in it.
remove_data() {
  rm -rf "$state/pg" "$state/pg-ha" "$state/redis" "$state/nodes" "$state/haproxy" "$state/pids"
  rm -f "$state/pg-ha.flag"
  rm -f "$state/cluster.env" "$state/token-secret" "$state/admin-token" "$state/.gitignore" \
    "$state/.poker-cluster"
  if rmdir "$state" 2>/dev/null; then
    log "removed $state"
  else
    log "removed the cluster's data; $state has other files and is left in place"
  fi
}

cmd_down() {
  local keep=0
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; exit 0 ;;
      --keep-data) keep=1 ;;
      *) usage_error "unknown argument '$1' for down" ;;
    esac
    shift
  done
  if [ ! -f "$state/.poker-cluster" ]; then
    echo "no cluster in $state"
    return 0
  fi
  local live
  live=$(running | tr '\n' ' ')
  if [ -n "$live" ]; then log "stopping ${live% }"; fi
  stop_all
  live=$(running | tr '\n' ' ')
  [ -z "$live" ] || die "still running after down: ${live% }"
  local others=() f p
  for f in /proc/[0-9]*; do
    p=${f#/proc/}
    [ "$p" != "$$" ] || continue
    read_cmdline "$p"
    case "$CMD" in *"$state/"* | *"$state") read_comm "$p" && others+=("$p:$COMM") ;; esac
  done
  [ ${#others[@]} -eq 0 ] || log "note: other processes mention $state (not started by up, left alone): ${others[*]}"
  if [ "$keep" -eq 1 ]; then
    echo "cluster stopped; data kept in $state ('$(poker_cmd) cluster up' starts it again on it)"
  else
    remove_data
    echo "cluster stopped and its data removed"
  fi
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down "$@" ;;
  status) shift; cmd_status "$@" ;;
  -h | --help | help) usage ;;
  '') usage >&2; exit 2 ;;
  *) usage_error "unknown command '$1'" ;;
esac
