#!/usr/bin/env bash
# Throwaway database servers for Ferry's integration tests.
#
#   scripts/servers.sh start   start them, print `export FERRY_TEST_...=...` lines
#   scripts/servers.sh env     print those lines again (eval "$(scripts/servers.sh env)")
#   scripts/servers.sh stop    stop them and delete all their data (safe to repeat)
#
# Everything lives in one temporary directory (/tmp/ferry-servers.XXXXXX) whose
# path is kept in a state file (.tools/servers.state, or $FERRY_SERVERS_STATE),
# so `stop` finds it from any shell. Servers listen on 127.0.0.1 only, on free
# ports picked at random, never on 5432/3306/8080, so a developer's own servers
# never clash with ours. Passwords are random for each start.
#
# Started:
#   PostgreSQL  superuser ferry, database ferry, scram-sha-256 password auth on TCP
#   MariaDB     user ferry (all privileges, with grant), database ferry (utf8mb4)
#   sqld #1     namespaces enabled, admin API on a second port. The namespace is
#               the first label of the HTTP Host header (tenant.localhost -> tenant);
#               a single-label Host (localhost) means namespace "default", which exists.
#               A plain http://127.0.0.1:PORT request is namespace "127", which does
#               not exist, so clients must send Host: NAME.localhost (or use
#               http://NAME.localhost:PORT where *.localhost resolves to loopback;
#               curl does that itself; glibc and .NET 10 do not, so in C# set
#               HttpRequestMessage.Headers.Host). To create a namespace:
#                 curl -X POST -H 'Content-Type: application/json' -d '{}' \
#                      $FERRY_TEST_SQLD_ADMIN/v1/namespaces/NAME/create
#               200 with an empty body; 400 {"error":"Namespace `NAME` already exists"};
#               415 without the Content-Type. DELETE $ADMIN/v1/namespaces/NAME drops it.
#               An unknown namespace answers 404 {"error":"Namespace `NAME` doesn't exist"}.
#   sqld #2     no namespaces, JWT auth (Ed25519). Requests need
#               `Authorization: Bearer $FERRY_TEST_SQLD_TOKEN`; without it: 401
#               {"error":"Unauthorized: `Expected authorization header but none given`"};
#               a bad signature or a bad claim: 401 "The JWT is invalid". /health needs no token.
#               Claims: "a":"rw" (or no "a") = full access, "a":"ro" = reads only
#               (writes: 403); "exp" is honoured if present (ours has none).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SQLD="$ROOT/.tools/sqld"
STATE="${FERRY_SERVERS_STATE:-$ROOT/.tools/servers.state}"
[[ "$STATE" == /* ]] || STATE="$PWD/$STATE"   # we cd elsewhere later
WAIT_SECONDS="${FERRY_SERVERS_WAIT:-60}"   # how long one server may take to come up

log() { echo "servers: $*" >&2; }
die() { log "error: $*"; exit 1; }

# --- helpers ------------------------------------------------------------------

# The newest PostgreSQL on the machine (Debian keeps them in /usr/lib/postgresql/N/bin).
pg_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "$dir" ]] || die "no PostgreSQL found under /usr/lib/postgresql (run scripts/install-deps.sh)"
    echo "$dir"
}

# PostgreSQL refuses to run as root, so as root we run it as the `postgres` OS user.
as_pg() {
    if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

# Prints N distinct ports on 127.0.0.1 that nothing listens on. They come from
# 20000-31999, below Linux's ephemeral range, so no outgoing connection holds them.
free_ports() {
    local n="$1" picked=" " port tries=0
    while (($(wc -w <<<"$picked") < n)); do
        ((++tries < 1000)) || die "could not find $n free ports"
        port=$((20000 + RANDOM % 12000))
        [[ "$picked" != *" $port "* ]] || continue
        # A successful connect means someone listens there.
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
        picked+="$port "
    done
    echo "$picked"
}

# spawn PIDFILE LOG COMMAND...: runs COMMAND in the background in its own
# session (so a Ctrl-C aimed at the test run doesn't kill it mid-write; `stop`
# shuts it down in order), with no stdin and its output in LOG (so it never
# holds a caller's pipe open), and records its pid.
spawn() {
    local pidfile="$1" logfile="$2"
    shift 2
    setsid sh -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 &
}

# Is PID one of *our* servers? Its command line names our directory; this also
# keeps us from killing an unrelated process that got a recycled pid. A zombie
# has an empty command line and counts as gone.
ours_alive() {
    [[ "$1" =~ ^[0-9]+$ ]] && grep -qaF "$DIR" "/proc/$1/cmdline" 2>/dev/null
}

# stop_pid NAME PID: SIGTERM (a clean shutdown for all three servers), then up
# to 30 s for it to exit, then SIGKILL.
stop_pid() {
    local name="$1" pid="$2" i
    ours_alive "$pid" || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 150; i++)); do
        ours_alive "$pid" || return 0
        sleep 0.2
    done
    log "$name (pid $pid) did not stop within 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
}

pid_from() { if [[ -s "$1" ]]; then head -n 1 "$1"; fi; }

# Prints why a server failed, with the end of its log, and exits (start's EXIT
# trap then stops whatever did start).
server_failed() {
    local name="$1" logfile="$2" why="$3"
    log "error: $name $why; last lines of its log ($logfile):"
    tail -n 25 "$logfile" 2>/dev/null | sed 's/^/    /' >&2 || true
    exit 1
}

# wait_until NAME LOG PIDFILE COMMAND...: polls COMMAND until it succeeds, for
# at most $WAIT_SECONDS; gives up at once if the server's process has died.
wait_until() {
    local name="$1" logfile="$2" pidfile="$3"
    shift 3
    local deadline=$((SECONDS + WAIT_SECONDS))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || server_failed "$name" "$logfile" "did not accept connections within ${WAIT_SECONDS} s"
        if [[ -s "$pidfile" ]] && ! ours_alive "$(pid_from "$pidfile")"; then
            server_failed "$name" "$logfile" "exited during startup"
        fi
        sleep 0.2
    done
}

# URL-safe base64 without padding, as JWTs use.
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# make_jwt PRIVATE_KEY_PEM PAYLOAD_JSON: an EdDSA (Ed25519) JWT, signed with
# openssl (OpenSSL 3 signs Ed25519 over the raw message with -rawin).
make_jwt() {
    local key="$1" payload="$2" signing_input sig
    signing_input="$(printf '%s' '{"alg":"EdDSA","typ":"JWT"}' | b64url).$(printf '%s' "$payload" | b64url)"
    printf '%s' "$signing_input" >"$DIR/jwt.input"
    sig="$(openssl pkeyutl -sign -inkey "$key" -rawin -in "$DIR/jwt.input" | b64url)"
    rm -f "$DIR/jwt.input"
    echo "$signing_input.$sig"
}

# http_status ARGS...: curl's HTTP status code for a request (000 if no answer).
http_status() { curl -sS -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true; }

PIPELINE='{"baton":null,"requests":[{"type":"execute","stmt":{"sql":"select 1"}},{"type":"close"}]}'

# --- the servers ------------------------------------------------------------------

start_postgres() {
    local bin dir="$DIR/pg" port="$1" pw="$2"
    bin="$(pg_bin)"
    # The postgres user must be able to reach and own its directory.
    mkdir -p "$dir"
    printf '%s\n' "$pw" >"$dir/pwfile"
    ((EUID != 0)) || chown -R postgres: "$dir"
    # -U ferry: the bootstrap superuser is `ferry`, with the password from pwfile.
    # Unix-socket logins (only the socket in our dir) are trusted; TCP needs the
    # password (scram-sha-256), so a wrong password really is refused.
    as_pg "$bin/initdb" -D "$dir/data" -U ferry --pwfile="$dir/pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$dir/initdb.log" 2>&1 || server_failed PostgreSQL "$dir/initdb.log" "initdb failed"
    rm -f "$dir/pwfile"
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
# Throwaway data: trade crash safety for speed.
fsync = off
synchronous_commit = off
full_page_writes = off
# ferry watch lists the top statements from it (the extension is created per database by a test).
shared_preload_libraries = 'pg_stat_statements'
EOF
    # -w waits until the server accepts connections (at most -t seconds).
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t "$WAIT_SECONDS" start >/dev/null 2>&1 \
        || server_failed PostgreSQL "$dir/server.log" "did not start"
    # Over TCP with the password: proves password auth works end to end.
    PGPASSWORD="$pw" PGCONNECT_TIMEOUT=10 "$bin/psql" -h 127.0.0.1 -p "$port" -U ferry -d postgres \
        -v ON_ERROR_STOP=1 -qc 'CREATE DATABASE ferry' >/dev/null \
        || server_failed PostgreSQL "$dir/server.log" "refused the ferry login over TCP"
}

start_mariadb() {
    local dir="$DIR/mysql" port="$1" pw="$2" as_user=()
    mkdir -p "$dir"
    # As root, mariadbd must be told that root is fine (it would switch to mysql).
    ((EUID != 0)) || as_user=(--user=root)
    # --no-defaults everywhere: ignore /etc/mysql, which is for the system server.
    mariadb-install-db --no-defaults --datadir="$dir/data" "${as_user[@]}" \
        --auth-root-authentication-method=socket --skip-test-db --skip-name-resolve \
        >"$dir/install.log" 2>&1 || server_failed MariaDB "$dir/install.log" "mariadb-install-db failed"
    # utf8mb4/utf8mb4_general_ci is what Debian's /etc/mysql config sets; without
    # a config file MariaDB would default to latin1.
    spawn "$dir/mariadbd.pid" "$dir/server.log" mariadbd --no-defaults "${as_user[@]}" \
        --datadir="$dir/data" --socket="$dir/mysqld.sock" --pid-file="$dir/data/mariadbd.pid" \
        --bind-address=127.0.0.1 --port="$port" --skip-name-resolve --local-infile=1 \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
        --innodb-flush-log-at-trx-commit=0
    local root_sql=(mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot)
    wait_until MariaDB "$dir/server.log" "$dir/mariadbd.pid" "${root_sql[@]}" -e 'SELECT 1'
    # Anonymous users (''@'localhost', ''@'<hostname>') would match a loopback
    # login before 'ferry'@'%' does and make it fail; drop any there are.
    "${root_sql[@]}" <<EOF || server_failed MariaDB "$dir/server.log" "setup SQL failed"
DELETE FROM mysql.global_priv WHERE User = '';
FLUSH PRIVILEGES;
CREATE USER 'ferry'@'%' IDENTIFIED BY '$pw';
CREATE USER 'ferry'@'localhost' IDENTIFIED BY '$pw';
CREATE USER 'ferry'@'127.0.0.1' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON *.* TO 'ferry'@'%' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'ferry'@'localhost' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'ferry'@'127.0.0.1' WITH GRANT OPTION;
CREATE DATABASE ferry CHARACTER SET utf8mb4;
EOF
    MYSQL_PWD="$pw" mariadb --no-defaults -h 127.0.0.1 -P "$port" -u ferry -e 'SELECT 1' ferry >/dev/null \
        || server_failed MariaDB "$dir/server.log" "refused the ferry login over TCP"
}

start_sqld_namespaces() {
    local dir="$DIR/sqld-ns" port="$1" admin_port="$2" ns="ferry-smoke-$RANDOM"
    mkdir -p "$dir"
    spawn "$dir/sqld.pid" "$dir/server.log" "$SQLD" --no-welcome --db-path "$dir/data" \
        --http-listen-addr "127.0.0.1:$port" --admin-listen-addr "127.0.0.1:$admin_port" \
        --enable-namespaces
    wait_until "sqld (namespaces)" "$dir/server.log" "$dir/sqld.pid" curl -fsS "http://127.0.0.1:$port/health"
    wait_until "sqld (namespaces) admin API" "$dir/server.log" "$dir/sqld.pid" curl -fsS "http://127.0.0.1:$admin_port/health"
    # Smoke test of what the tests rely on: create a namespace, query it through
    # the Host header, drop it again.
    local created queried dropped
    created="$(http_status -X POST -H 'Content-Type: application/json' -d '{}' \
        "http://127.0.0.1:$admin_port/v1/namespaces/$ns/create")"
    queried="$(http_status -H "Host: $ns.localhost" -d "$PIPELINE" "http://127.0.0.1:$port/v3/pipeline")"
    dropped="$(http_status -X DELETE "http://127.0.0.1:$admin_port/v1/namespaces/$ns")"
    [[ "$created $queried $dropped" == "200 200 200" ]] || server_failed "sqld (namespaces)" "$dir/server.log" \
        "failed the namespace smoke test (create/query/delete: $created/$queried/$dropped, expected 200/200/200)"
}

# Sets SQLD_TOKEN.
start_sqld_jwt() {
    local dir="$DIR/sqld-auth" port="$1"
    mkdir -p "$dir"
    # The server gets the public key (PKCS#8 PEM); we keep the private one to sign tokens.
    openssl genpkey -algorithm ed25519 -out "$dir/jwt-private.pem" 2>/dev/null
    openssl pkey -in "$dir/jwt-private.pem" -pubout -out "$dir/jwt-public.pem"
    # "a":"rw" = read-write access to every namespace; no "exp", so the token
    # outlives any test run.
    SQLD_TOKEN="$(make_jwt "$dir/jwt-private.pem" "{\"a\":\"rw\",\"iat\":$(date +%s)}")"
    spawn "$dir/sqld.pid" "$dir/server.log" "$SQLD" --no-welcome --db-path "$dir/data" \
        --http-listen-addr "127.0.0.1:$port" --auth-jwt-key-file "$dir/jwt-public.pem"
    wait_until "sqld (JWT)" "$dir/server.log" "$dir/sqld.pid" curl -fsS "http://127.0.0.1:$port/health"
    # Smoke test: the token is accepted, and no token is refused (401).
    local with without
    with="$(http_status -H "Authorization: Bearer $SQLD_TOKEN" -d "$PIPELINE" "http://127.0.0.1:$port/v3/pipeline")"
    without="$(http_status -d "$PIPELINE" "http://127.0.0.1:$port/v3/pipeline")"
    [[ "$with $without" == "200 401" ]] || server_failed "sqld (JWT)" "$dir/server.log" \
        "failed the auth smoke test (with/without token: $with/$without, expected 200/401)"
}

# --- commands -------------------------------------------------------------------

# Sets DIR from the state file; false if there is none.
load_state() {
    [[ -s "$STATE" ]] || return 1
    DIR="$(cat "$STATE")"
    # Never `rm -rf` anything but a directory this script made.
    [[ "$DIR" == */ferry-servers.* ]] || die "state file $STATE names '$DIR', which is not ours; remove it by hand"
}

# Stops whatever is recorded in the state file, however far `start` got.
stop_all() {
    if ! load_state; then
        [[ "${1:-}" == quiet ]] || log "no servers running"
        return 0
    fi
    if [[ -d "$DIR" ]]; then
        cd "$DIR"   # as in start: the postgres user must be able to enter the cwd
        stop_pid "sqld (namespaces)" "$(pid_from "$DIR/sqld-ns/sqld.pid")"
        stop_pid "sqld (JWT)" "$(pid_from "$DIR/sqld-auth/sqld.pid")"
        stop_pid MariaDB "$(pid_from "$DIR/mysql/mariadbd.pid")"
        if [[ -f "$DIR/pg/data/postmaster.pid" ]]; then
            # -m fast: disconnect clients and shut down cleanly now. If pg_ctl
            # fails, stop the postmaster (first line of postmaster.pid) directly.
            as_pg "$(pg_bin)/pg_ctl" -D "$DIR/pg/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
                || stop_pid PostgreSQL "$(pid_from "$DIR/pg/data/postmaster.pid")"
        fi
        cd /
        rm -rf "$DIR"
    fi
    rm -f "$STATE"
    [[ "${1:-}" == quiet ]] || log "stopped; removed $DIR"
}

start_all() {
    [[ -x "$SQLD" ]] || die "$SQLD not found (run scripts/install-deps.sh)"
    if load_state; then
        # A previous start that was never stopped: refuse if it still runs,
        # else (killed machine, SIGKILLed script) clean up its leftovers.
        local f
        for f in "$DIR/sqld-ns/sqld.pid" "$DIR/sqld-auth/sqld.pid" "$DIR/mysql/mariadbd.pid" "$DIR/pg/data/postmaster.pid"; do
            ! ours_alive "$(pid_from "$f")" || die "servers already running in $DIR; run '$0 stop' first"
        done
        stop_all quiet
    fi

    local t0=$SECONDS
    mkdir -p "$(dirname "$STATE")"
    DIR="$(mktemp -d "${TMPDIR:-/tmp}/ferry-servers.XXXXXX")"
    echo "$DIR" >"$STATE"   # first thing, so `stop` can clean up after any failure below
    # If anything below fails, stop what did start: no half-started leftovers.
    trap 'stop_all quiet' EXIT
    chmod 755 "$DIR"        # mktemp makes it 0700; the postgres user must get through it
    cd "$DIR"               # runuser keeps the cwd; postgres cannot read e.g. /root

    local pg_port my_port ns_port admin_port auth_port
    read -r pg_port my_port ns_port admin_port auth_port <<<"$(free_ports 5)"
    # Hex passwords: no character needs escaping in a URL, SQL or a shell.
    local pg_pw my_pw
    pg_pw="$(openssl rand -hex 16)"
    my_pw="$(openssl rand -hex 16)"

    log "starting PostgreSQL on 127.0.0.1:$pg_port"
    start_postgres "$pg_port" "$pg_pw"
    log "starting MariaDB on 127.0.0.1:$my_port"
    start_mariadb "$my_port" "$my_pw"
    log "starting sqld with namespaces on 127.0.0.1:$ns_port (admin API on $admin_port)"
    start_sqld_namespaces "$ns_port" "$admin_port"
    log "starting sqld with JWT auth on 127.0.0.1:$auth_port"
    start_sqld_jwt "$auth_port"

    cat >"$DIR/env.sh" <<EOF
export FERRY_TEST_POSTGRES='postgres://ferry:$pg_pw@127.0.0.1:$pg_port/ferry'
export FERRY_TEST_MYSQL='mysql://ferry:$my_pw@127.0.0.1:$my_port/ferry'
export FERRY_TEST_SQLD='http://127.0.0.1:$ns_port'
export FERRY_TEST_SQLD_ADMIN='http://127.0.0.1:$admin_port'
export FERRY_TEST_SQLD_AUTH='http://127.0.0.1:$auth_port'
export FERRY_TEST_SQLD_TOKEN='$SQLD_TOKEN'
# The sqld binary itself, for tests that must stop and restart a server of their own.
export FERRY_TEST_SQLD_BIN='$SQLD'
EOF
    chmod 600 "$DIR/env.sh"
    trap - EXIT
    log "all servers ready in $((SECONDS - t0)) s (data in $DIR; stop with: scripts/servers.sh stop)"
    # Only the export lines go to stdout, so `eval "$(scripts/servers.sh start)"` works.
    cat "$DIR/env.sh"
}

case "${1:-}" in
    start) start_all ;;
    stop) stop_all ;;
    env)
        if ! load_state || [[ ! -f "$DIR/env.sh" ]]; then die "no servers running (run: $0 start)"; fi
        cat "$DIR/env.sh"
        ;;
    *)
        echo "usage: $0 start|stop|env" >&2
        exit 2
        ;;
esac
