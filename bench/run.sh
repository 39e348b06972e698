#!/usr/bin/env bash
# The side-by-side benchmark: SQLite → PostgreSQL with `ferry copy` and with what people use instead,
# on the sample chat database, in one run; on request also MariaDB → PostgreSQL. See bench/README.md
# for what it prints and how to read it.
#
#   bench/run.sh [--scale S] [--runs N] [--only ferry,pgloader,dump,raw,mysql,mysql-pgloader,pg-pg,pg_dump,dump-restore,sqlite-dump,verify,sync] [--no-install]
#
#   --scale S     size of the sample (default 1: 1,000,000 messages, 1,101,012 rows, ~400 MB file;
#                 5 gives 5.5 M rows). The generated file is cached in $FERRY_BENCH_CACHE
#                 (default .tools/bench/) keyed by the scale and the sample generator's source.
#   --runs N      time every contender N times (each into a fresh database); the table shows the
#                 median wall time and the largest peak RSS (default 1)
#   --only LIST   time only these contenders (default: the four SQLite ones; mysql, mysql-pgloader,
#                 pg-pg, pg_dump, verify and sync only when named)
#   --no-install  do not run scripts/install-deps.sh (then pgloader, sqlite3, GNU time, PostgreSQL
#                 and the project's servers must already be there)
#   --servers-from-env  time against the servers FERRY_TEST_POSTGRES (and FERRY_TEST_MYSQL) name, as
#                 scripts/servers.sh start prints them, instead of starting throwaway ones (for a machine
#                 whose servers are already running; its bench_* databases are created and dropped)
#
# Contenders, each into its own freshly created empty database on a throwaway PostgreSQL that
# scripts/servers.sh starts (and this script stops on any exit):
#   ferry     ferry copy sqlite:FILE postgres://…/db                 (what we measure)
#   pgloader  pgloader sqlite://FILE postgresql://…/db               (Debian's 3.6.7, defaults)
#   dump      sqlite3 FILE .dump | psql …                            (what runbooks suggest)
#   raw       sqlite3 -csv export + psql \copy into bare tables + keys/indexes/FKs/ANALYZE
#             (bench/raw-schema.sql, bench/raw-constraints.sql): the raw limit
# and from the same sample loaded into the throwaway MariaDB by ferry (once per call, not timed):
#   mysql           ferry copy mysql://…/bench_mysql_source postgres://…/db
#   mysql-pgloader  pgloader with a load file: MariaDB → PostgreSQL, its datetime defaults dropped
#                   (pgloader 3.6.7 turns MariaDB's utc_timestamp(6) default into a quoted literal
#                   PostgreSQL refuses, and then stops with exit 0 and no rows)
# and from the same sample loaded into a PostgreSQL database by ferry (once per call, not timed):
#   pg-pg     ferry copy postgres://…/bench_pg_source postgres://…/db  (verbatim: COPY out, COPY in)
#   pg_dump   pg_dump -Fc …/bench_pg_source | pg_restore -d …/db       (what runbooks suggest)
#   dump-restore  ferry dump …/bench_pg_source -o FILE, then ferry restore FILE …/db  (sizes compared with pg_dump's)
# and a backup of the SQLite sample file:
#   sqlite-dump   ferry dump sqlite:FILE -o ARCHIVE, beside sqlite3-dump: sqlite3 FILE .dump > FILE.sql
# and on a copy ferry makes first (not timed), both compared with ferry copy's own wall time:
#   verify       ferry verify sqlite:FILE postgres://…/db --level checksums   (the copy checked)
#   verify-diff  the same after one Message row is changed on the target, at the default level,
#                which must name that row
# and on a copy of the sample whose Message rows get an updatedAt column (not timed: the column, its
# index and the first sync, which copies Message whole):
#   sync      ferry sync sqlite:FILE postgres://…/db --tables Message --by updatedAt, after 1% of the
#             messages are updated and 1% inserted; compared with ferry copy's wall time (goal ≤ 5%)
#   sync-follow  the same amount (the newest 1% updated) met by a running ferry sync --follow: the run's own time
#
# Needs: bash 5, the .NET 10 SDK, and — installed by scripts/install-deps.sh with FERRY_BENCH=1
# when missing (root needed then) — PostgreSQL, sqlite3, pgloader, GNU time, plus what servers.sh
# needs. Results: a table on stdout and bench/results/<UTC date-time>-scale<S>.json (gitignored).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"

# --- options ------------------------------------------------------------------------------------

SCALE=1 RUNS=1 ONLY="ferry,pgloader,dump,raw" INSTALL=1 FROM_ENV=0
while (($#)); do
    case "$1" in
        --scale) SCALE="${2:?--scale needs a number}"; shift 2 ;;
        --scale=*) SCALE="${1#*=}"; shift ;;
        --runs) RUNS="${2:?--runs needs a number}"; shift 2 ;;
        --runs=*) RUNS="${1#*=}"; shift ;;
        --only) ONLY="${2:?--only needs a list}"; shift 2 ;;
        --only=*) ONLY="${1#*=}"; shift ;;
        --no-install) INSTALL=0; shift ;;
        --servers-from-env) FROM_ENV=1; shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done
[[ "$SCALE" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "bench: --scale must be a number" >&2; exit 2; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: --runs must be a positive integer" >&2; exit 2; }
wants() { [[ ",$ONLY," == *",$1,"* ]]; }

log() { echo "bench: $*" >&2; }
die() { log "error: $*"; exit 1; }

# --- dependencies, build, sample ------------------------------------------------------------------------

if ((INSTALL)); then
    # FERRY_BENCH=1 adds GNU time to what the test suite installs (pgloader among it), only if missing.
    FERRY_BENCH=1 "$ROOT/scripts/install-deps.sh"
fi
for tool in dotnet psql sqlite3 pgloader; do
    command -v "$tool" >/dev/null || die "$tool not found (run FERRY_BENCH=1 scripts/install-deps.sh)"
done
# bash's `time` keyword cannot measure memory; GNU time can (Debian package `time`).
TIME=/usr/bin/time
"$TIME" -v true 2>/dev/null || die "GNU time ($TIME) not found (Debian package 'time')"

CACHE="${FERRY_BENCH_CACHE:-$ROOT/.tools/bench}"
mkdir -p "$CACHE"
# Everything of this run only (databases' CSV files, logs, server state) lives here; removed at exit.
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ferry-bench.XXXXXX")"
export FERRY_SERVERS_STATE="$WORK/servers.state"
SERVERS_STARTED=0
cleanup() {
    local rc=$?
    if ((SERVERS_STARTED)); then "$ROOT/scripts/servers.sh" stop >/dev/null 2>&1 || log "servers.sh stop failed"; fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "building Ferry (dotnet publish, Release)"
FERRY_DIR="$CACHE/ferry"
dotnet publish "$ROOT/src/Ferry.Cli" -c Release -o "$FERRY_DIR" -nologo -v quiet >"$WORK/publish.log" 2>&1 \
    || { tail -n 30 "$WORK/publish.log" >&2; die "dotnet publish failed"; }
FERRY="$FERRY_DIR/ferry"

# The sample is cached per scale and per version of its generator (the git tree of src/Ferry/Samples),
# so a change to the generator makes a new file instead of measuring a stale one.
generator="$(git -C "$ROOT" rev-parse --short HEAD:src/Ferry/Samples 2>/dev/null || echo nogit)"
git -C "$ROOT" diff --quiet HEAD -- src/Ferry/Samples 2>/dev/null || generator="$generator-dirty$(date +%s)"
SAMPLE="$CACHE/chat-scale$SCALE-$generator.db"
if [[ ! -s "$SAMPLE" ]]; then
    rm -f "$CACHE"/chat-scale"$SCALE"-*.db   # older generators' files at this scale
    log "generating the sample: ferry sample --scale $SCALE (cached as $SAMPLE)"
    # Into a temporary name first, so an interrupted run never leaves a half-built file in the cache.
    "$FERRY" sample "$SAMPLE.partial" --scale "$SCALE" >&2
    mv -f "$SAMPLE.partial" "$SAMPLE"
else
    log "using the cached sample $SAMPLE"
fi
SAMPLE_BYTES="$(stat -c %s "$SAMPLE")"

# The tables every contender should deliver: the user tables of the sample (SQLite's own
# sqlite_sequence and sqlite_stat1 are internal and not part of the data).
mapfile -t SOURCE_TABLES < <(sqlite3 "$SAMPLE" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name")
SOURCE_ROWS=0
declare -A SOURCE_COUNT
for t in "${SOURCE_TABLES[@]}"; do
    SOURCE_COUNT[$t]="$(sqlite3 "$SAMPLE" "SELECT count(*) FROM \"$t\"")"
    SOURCE_ROWS=$((SOURCE_ROWS + SOURCE_COUNT[$t]))
done
log "sample: $SOURCE_ROWS rows in ${#SOURCE_TABLES[@]} tables, $((SAMPLE_BYTES / 1048576)) MiB"

# --- PostgreSQL ------------------------------------------------------------------------------------

if ((FROM_ENV)); then
    [[ -n "${FERRY_TEST_POSTGRES:-}" ]] || die "--servers-from-env needs FERRY_TEST_POSTGRES (as scripts/servers.sh start prints it)"
    log "using the servers named by FERRY_TEST_POSTGRES and FERRY_TEST_MYSQL"
else
    log "starting the project's throwaway servers (scripts/servers.sh; PostgreSQL, and MariaDB for mysql*)"
    SERVERS_STARTED=1
    eval "$("$ROOT/scripts/servers.sh" start)"
fi
PG_BASE="${FERRY_TEST_POSTGRES%/*}"   # postgres://ferry:PASSWORD@127.0.0.1:PORT
PG_VERSION="$(psql "$PG_BASE/postgres" -Atc 'SHOW server_version')"

admin() { PGOPTIONS='-c client_min_messages=warning' psql "$PG_BASE/postgres" -v ON_ERROR_STOP=1 -qAtc "$1"; }
fresh_db() { admin "DROP DATABASE IF EXISTS $1" && admin "CREATE DATABASE $1"; }

# arrived DB: sets ARRIVED (rows in the target's tables that match a source table, compared without
# case, as pgloader lower-cases names) and ARRIVED_DETAIL (every base table with its row count).
arrived() {
    local db="$1" schema table n lc
    ARRIVED=0 ARRIVED_DETAIL=""
    declare -A wanted=()
    for t in "${SOURCE_TABLES[@]}"; do wanted[${t,,}]=1; done
    while IFS='|' read -r schema table; do
        [[ -n "$table" ]] || continue
        n="$(psql "$PG_BASE/$db" -qAtc "SELECT count(*) FROM \"$schema\".\"$table\"")"
        lc="${table,,}"
        if [[ -n "${wanted[$lc]:-}" ]]; then ARRIVED=$((ARRIVED + n)); fi
        ARRIVED_DETAIL+="${ARRIVED_DETAIL:+, }$table=$n"
    done < <(psql "$PG_BASE/$db" -qAtc "SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2")
}

# --- MariaDB, for the MySQL → PostgreSQL contenders ----------------------------------------------------------

MY_SOURCE="${FERRY_TEST_MYSQL%/*}/bench_mysql_source"   # mysql://ferry:PASSWORD@127.0.0.1:PORT/bench_mysql_source
if wants mysql || wants mysql-pgloader; then
    my_rest="${FERRY_TEST_MYSQL#mysql://}" my_hostport="${FERRY_TEST_MYSQL#*@}"
    my_hostport="${my_hostport%%/*}"
    my_pw="${my_rest#*:}"
    MYSQL_PWD="${my_pw%%@*}" mariadb --no-defaults -h "${my_hostport%%:*}" -P "${my_hostport#*:}" -u "${my_rest%%:*}" \
        -e 'DROP DATABASE IF EXISTS bench_mysql_source; CREATE DATABASE bench_mysql_source CHARACTER SET utf8mb4'
    log "loading the sample into MariaDB with ferry copy (not timed)"
    "$FERRY" copy "sqlite:$SAMPLE" "$MY_SOURCE" >"$WORK/mysql-load.log" 2>&1 \
        || { tail -n 20 "$WORK/mysql-load.log" >&2; die "loading the sample into MariaDB failed"; }
fi

PG_SOURCE="$PG_BASE/bench_pg_source"
if wants pg-pg || wants pg_dump || wants dump-restore; then
    fresh_db bench_pg_source
    log "loading the sample into PostgreSQL with ferry copy (not timed)"
    "$FERRY" copy "sqlite:$SAMPLE" "$PG_SOURCE" >"$WORK/pg-load.log" 2>&1 \
        || { tail -n 20 "$WORK/pg-load.log" >&2; die "loading the sample into PostgreSQL failed"; }
fi

now() { echo "$EPOCHREALTIME"; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# Peak RSS in MiB and the exit status from a `/usr/bin/time -v -o FILE` report.
rss_mib() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
exit_of() { awk -F': ' '/Exit status/ { print $2 } /Command terminated by signal/ { print 128 + $2 }' "$1" | tail -n 1; }

# Results, one line per contender run: name|wall|rss_mib|exit|arrived|note
RESULTS=()
declare -A SIZE=()   # bytes of the file a backup contender wrote, by contender
# The machine's 1-minute load average when a contender finished: other work on the machine shows here.
load1() { cut -d' ' -f1 /proc/loadavg; }
record() { RESULTS+=("$1|$2|$3|$4|$5|load $(load1); $6"); log "$(printf '%-9s %7ss  %5s MiB  exit %s  %s rows arrived  %s' "$1" "$2" "$3" "$4" "$5" "$6")"; }
keep_log() { cp "$1" "$CACHE/last-$2.log" 2>/dev/null || true; }   # the last run's output, for a closer look

# --- the contenders ------------------------------------------------------------------------------------

# run_ferry_from NAME SOURCE_URL: ferry copy from SOURCE_URL into a fresh database.
run_ferry_from() {
    local name="$1" source="$2" db="bench_${1//-/_}" t0 t1 rc=0 copy_s
    fresh_db "$db"
    t0="$(now)"
    "$TIME" -v -o "$WORK/$name.time" "$FERRY" copy "$source" "$PG_BASE/$db" >"$WORK/$name.log" 2>&1 || rc=$?
    t1="$(now)"
    keep_log "$WORK/$name.log" "$name"
    # Ferry's own report ends with "… N of N rows in X s": the time from creating the tables to the
    # final counts. The rest of the wall time is start-up and planning (schema read + profiling scan).
    copy_s="$(grep -oP 'rows in \K[0-9.]+(?= s)' "$WORK/$name.log" | tail -n 1 || true)"
    arrived "$db"
    [[ "$name" != ferry ]] || FERRY_COPY_S+=("$(secs "$t0" "$t1")|${copy_s:-0}")   # wall|copy, to split the median run's wall time
    record "$name" "$(secs "$t0" "$t1")" "$(rss_mib "$WORK/$name.time")" "$(exit_of "$WORK/$name.time")" "$ARRIVED" \
        "ferry's own copy time ${copy_s:-?} s (the rest: start-up, schema read, profiling); $ARRIVED_DETAIL"
    admin "DROP DATABASE $db"
}
run_ferry() { run_ferry_from ferry "sqlite:$SAMPLE"; }
run_mysql() { run_ferry_from mysql "$MY_SOURCE"; }
run_pg_pg() { run_ferry_from pg-pg "$PG_SOURCE"; }

# ferry verify on a copy ferry makes first (not timed): checksums of the whole copy, then, after one value
# is changed on the target, the default level, whose output must name that row.
run_verify() {
    local db=bench_verify t0 t1 named trips
    fresh_db "$db"
    "$FERRY" copy "sqlite:$SAMPLE" "$PG_BASE/$db" >"$WORK/verify-copy.log" 2>&1 \
        || { tail -n 20 "$WORK/verify-copy.log" >&2; die "the copy to verify failed"; }
    arrived "$db"
    t0="$(now)"
    "$TIME" -v -o "$WORK/verify.time" "$FERRY" verify "sqlite:$SAMPLE" "$PG_BASE/$db" --level checksums >"$WORK/verify.log" 2>&1 || true
    t1="$(now)"
    keep_log "$WORK/verify.log" verify
    record verify "$(secs "$t0" "$t1")" "$(rss_mib "$WORK/verify.time")" "$(exit_of "$WORK/verify.time")" "$ARRIVED" "checksums of every table, both sides streamed"
    PGOPTIONS='-c client_min_messages=warning' psql "$PG_BASE/$db" -v ON_ERROR_STOP=1 -qAtc 'UPDATE "Message" SET "tokens" = coalesce("tokens", 0) + 1 WHERE "id" = (SELECT max("id") / 2 FROM "Message")'
    t0="$(now)"
    "$TIME" -v -o "$WORK/verify-diff.time" "$FERRY" verify "sqlite:$SAMPLE" "$PG_BASE/$db" >"$WORK/verify-diff.log" 2>&1 || true
    t1="$(now)"
    keep_log "$WORK/verify-diff.log" verify-diff
    named="$(grep -c '^Message (id=[0-9]*).tokens: ' "$WORK/verify-diff.log" || true)"
    trips="$(grep -o '[0-9,]* round trips' "$WORK/verify-diff.log" | tail -n 1 || true)"
    record verify-diff "$(secs "$t0" "$t1")" "$(rss_mib "$WORK/verify-diff.time")" "$(exit_of "$WORK/verify-diff.time")" "$ARRIVED" \
        "exit 6 expected; the changed row named $named time(s); ${trips:-round trips not reported}"
    admin "DROP DATABASE $db"
}

# ferry sync on a copy of the sample whose messages carry updatedAt (the column, its index and the first
# sync, a whole copy of Message, are not timed); then 1% of the messages are edited and 1% added, and the
# timed run must carry exactly those (it reads from the first run's mark), which ferry verify then checks.
run_sync() {
    local db=bench_sync src="$WORK/sync-source.db" t0 t1 read verified=0
    cp "$SAMPLE" "$src"
    sqlite3 "$src" 'ALTER TABLE Message ADD COLUMN updatedAt integer; UPDATE Message SET updatedAt = createdAt;
        CREATE INDEX Message_updatedAt_idx ON Message (updatedAt);'
    fresh_db "$db"
    "$FERRY" sync "sqlite:$src" "$PG_BASE/$db" --tables Message --by updatedAt >"$WORK/sync-first.log" 2>&1 \
        || { tail -n 20 "$WORK/sync-first.log" >&2; die "the first sync failed"; }
    sqlite3 "$src" "UPDATE Message SET content = content || ' (edited)', updatedAt = updatedAt + 10000000000 WHERE id % 100 = 0;
        INSERT INTO Message (id, conversationId, role, content, tokens, metadata, createdAt, updatedAt)
          SELECT id + (SELECT max(id) FROM Message), conversationId, role, content, tokens, metadata, createdAt + 10000000000, updatedAt + 10000000000
          FROM Message WHERE id % 100 = 1;"
    # A copy of the target as the timed run finds it, for the floor below.
    admin "DROP DATABASE IF EXISTS ${db}_raw" && admin "CREATE DATABASE ${db}_raw TEMPLATE $db"
    t0="$(now)"
    "$TIME" -v -o "$WORK/sync.time" "$FERRY" sync "sqlite:$src" "$PG_BASE/$db" --tables Message --by updatedAt --json >"$WORK/sync.log" 2>&1 || true
    t1="$(now)"
    keep_log "$WORK/sync.log" sync
    read="$(grep -oP '"read":\K[0-9]+' "$WORK/sync.log" | head -n 1 || echo 0)"
    "$FERRY" verify "sqlite:$src" "$PG_BASE/$db" --tables Message --level checksums >"$WORK/sync-verify.log" 2>&1 || verified=$?
    record sync "$(secs "$t0" "$t1")" "$(rss_mib "$WORK/sync.time")" "$(exit_of "$WORK/sync.time")" "$read" \
        "one process; every 100th message updated, so every page of the table is written; rows read by the run (20,000 changed of $(sqlite3 "$src" 'SELECT count(*) FROM Message')); ferry verify of Message afterwards exit $verified"

    # The floor under that run: the same rows upserted by psql alone into the copy of the target taken before it:
    # a CSV from sqlite3 (not timed), then COPY into a staging table and one INSERT ... ON CONFLICT (timed). What
    # PostgreSQL spends writing rows scattered over the whole table is paid by any tool, whatever it reads.
    local window columns set
    window="$(grep -oP '"window":"\K[^"]+' "$WORK/sync.log" | head -n 1)"
    columns='id, "conversationId", role, content, tokens, metadata, "createdAt", "updatedAt"'
    set="$(echo "$columns" | tr -d ' ' | tr ',' '\n' | grep -v '^id$' | sed 's/.*/&=EXCLUDED.&/' | paste -sd, -)"
    sqlite3 -csv "$src" "SELECT ${columns//\"/} FROM Message WHERE $window" >"$WORK/sync-rows.csv"
    t0="$(now)"
    "$TIME" -v -o "$WORK/sync-raw.time" psql "$PG_BASE/${db}_raw" -v ON_ERROR_STOP=1 -q >"$WORK/sync-raw.log" 2>&1 <<SQL || true
BEGIN;
CREATE TEMP TABLE stage (LIKE "Message") ON COMMIT DROP;
\\copy stage ($columns) FROM '$WORK/sync-rows.csv' CSV
INSERT INTO "Message" ($columns) SELECT $columns FROM stage ON CONFLICT (id) DO UPDATE SET $set;
COMMIT;
SQL
    t1="$(now)"
    keep_log "$WORK/sync-raw.log" sync-raw
    record sync-raw "$(secs "$t0" "$t1")" "$(rss_mib "$WORK/sync-raw.time")" "$(exit_of "$WORK/sync-raw.time")" "$(wc -l <"$WORK/sync-rows.csv")" \
        "psql alone: the same rows (WHERE $window) through COPY into a staging table and INSERT ... ON CONFLICT, into the target as it was before ferry's run"
    admin "DROP DATABASE ${db}_raw"

    # The same amount again, as --follow meets it: the newest 1% of the messages edited (as a chat's recent ones
    # are) and 1% added, in one transaction, while the process runs; the run that carries them reports its own time.
    local follow="$WORK/sync-follow.log" pid ms idle
    "$FERRY" sync "sqlite:$src" "$PG_BASE/$db" --tables Message --by updatedAt --follow --interval 1s --json >"$follow" 2>&1 &
    pid=$!
    # Until the runs read from a mark the --overlap (1m) behind them, not from the first copy's.
    until grep -qE '"read":[0-9]{1,2},' "$follow"; do
        kill -0 "$pid" 2>/dev/null || { tail -n 5 "$follow" >&2; die "ferry sync --follow stopped"; }
        sleep 0.5
    done
    local before
    before="$(grep -c '"run"' "$follow")"
    sqlite3 "$src" "BEGIN; UPDATE Message SET content = content || ' (recent)', updatedAt = updatedAt + 20000000000
          WHERE id > (SELECT max(id) - 10000 FROM Message WHERE id <= 1000000) AND id <= 1000000;
        INSERT INTO Message (id, conversationId, role, content, tokens, metadata, createdAt, updatedAt)
          SELECT id + 2000000, conversationId, role, content, tokens, metadata, createdAt + 20000000000, updatedAt + 20000000000
          FROM Message WHERE id % 100 = 2 AND id <= 1000000; COMMIT;"
    # The first run after the commit that read the 20,000 rows (one that began before it read none of them).
    until tail -n +"$((before + 1))" "$follow" | grep -qE '"read":[0-9]{5},'; do
        kill -0 "$pid" 2>/dev/null || { tail -n 5 "$follow" >&2; die "ferry sync --follow stopped"; }
        sleep 0.2
    done
    # TERM, not INT: a job started with & in a script ignores SIGINT. Ferry stops as at Ctrl-C.
    kill -TERM "$pid"; wait "$pid" || true
    keep_log "$follow" sync-follow
    ms="$(tail -n +"$((before + 1))" "$follow" | grep -E '"read":[0-9]{5},' | head -n 1 | grep -oP '"elapsedMs":\K[0-9]+')"
    read="$(tail -n +"$((before + 1))" "$follow" | grep -E '"read":[0-9]{5},' | head -n 1 | grep -oP '"read":\K[0-9]+')"
    idle="$(head -n "$before" "$follow" | grep -E '"read":[0-9]{1,2},' | grep -oP '"elapsedMs":\K[0-9]+' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
    verified=0
    "$FERRY" verify "sqlite:$src" "$PG_BASE/$db" --tables Message --level checksums >"$WORK/sync-verify.log" 2>&1 || verified=$?
    record sync-follow "$(awk -v m="$ms" 'BEGIN { printf "%.2f", m / 1000 }')" "" 0 "$read" \
        "one run inside ferry sync --follow (its own elapsedMs, no process start); the newest 1% updated, 1% added; a run with nothing new took ${idle:-?} ms; ferry verify of Message afterwards exit $verified"
    admin "DROP DATABASE $db"
}

# pg_dump's custom format piped into pg_restore: one process each, like run_dump; the larger peak RSS counts.
run_pg_dump() {
    local db=bench_pg_dump t0 t1 rc_dump rc_restore rss
    fresh_db "$db"
    t0="$(now)"
    set +e
    "$TIME" -v -o "$WORK/pg_dump.time" pg_dump -Fc "$PG_SOURCE" | tee "$WORK/pg.dump" \
        | "$TIME" -v -o "$WORK/pg_restore.time" pg_restore -d "$PG_BASE/$db" >"$WORK/pg_dump.log" 2>&1
    set -e
    t1="$(now)"
    keep_log "$WORK/pg_dump.log" pg_dump
    rc_dump="$(exit_of "$WORK/pg_dump.time")" rc_restore="$(exit_of "$WORK/pg_restore.time")"
    rss="$(rss_mib "$WORK/pg_dump.time")"
    if (($(rss_mib "$WORK/pg_restore.time") > rss)); then rss="$(rss_mib "$WORK/pg_restore.time")"; fi
    arrived "$db"
    SIZE[pg_dump]="$(stat -c %s "$WORK/pg.dump" 2>/dev/null || echo 0)"
    rm -f "$WORK/pg.dump"
    record pg_dump "$(secs "$t0" "$t1")" "$rss" "$rc_restore" "$ARRIVED" "exit codes pg_dump=$rc_dump pg_restore=$rc_restore; its -Fc stream $((SIZE[pg_dump] / 1048576)) MiB; $ARRIVED_DETAIL"
    admin "DROP DATABASE $db"
}

# ferry dump of the PostgreSQL source into an archive, then ferry restore of it into a fresh database: the round
# trip pg_dump | pg_restore makes, one step after the other as a backup is made and later used; the archive's size
# is compared with pg_dump -Fc's (run_pg_dump keeps a copy of its stream).
run_dump_restore() {
    local db=bench_dump_restore archive="$WORK/pg.ferry" t0 t1 tm rc_dump=0 rc_restore=0 rss
    fresh_db "$db"
    rm -f "$archive"
    t0="$(now)"
    "$TIME" -v -o "$WORK/ferry-dump.time" "$FERRY" dump "$PG_SOURCE" -o "$archive" >"$WORK/dump-restore.log" 2>&1 || rc_dump=$?
    tm="$(now)"
    "$TIME" -v -o "$WORK/ferry-restore.time" "$FERRY" restore "$archive" "$PG_BASE/$db" >>"$WORK/dump-restore.log" 2>&1 || rc_restore=$?
    t1="$(now)"
    keep_log "$WORK/dump-restore.log" dump-restore
    rss="$(rss_mib "$WORK/ferry-dump.time")"
    if (($(rss_mib "$WORK/ferry-restore.time") > rss)); then rss="$(rss_mib "$WORK/ferry-restore.time")"; fi
    SIZE[dump-restore]="$(stat -c %s "$archive" 2>/dev/null || echo 0)"
    arrived "$db"
    record dump-restore "$(secs "$t0" "$t1")" "$rss" "$rc_restore" "$ARRIVED" \
        "dump $(secs "$t0" "$tm") s, restore $(secs "$tm" "$t1") s, archive $((SIZE[dump-restore] / 1048576)) MiB; exit codes dump=$rc_dump restore=$rc_restore"
    admin "DROP DATABASE $db"
}

# A backup of the SQLite sample: ferry dump (compressed, checksummed) beside sqlite3 .dump (plain SQL), sizes noted.
run_sqlite_dumps() {
    local archive="$WORK/sample.ferry" sql="$WORK/sample.sql" t0 t1 rc=0
    rm -f "$archive" "$sql"
    t0="$(now)"
    "$TIME" -v -o "$WORK/sqlite-dump.time" "$FERRY" dump "sqlite:$SAMPLE" -o "$archive" >"$WORK/sqlite-dump.log" 2>&1 || rc=$?
    t1="$(now)"
    keep_log "$WORK/sqlite-dump.log" sqlite-dump
    SIZE[sqlite-dump]="$(stat -c %s "$archive" 2>/dev/null || echo 0)"
    record sqlite-dump "$(secs "$t0" "$t1")" "$(rss_mib "$WORK/sqlite-dump.time")" "$rc" "$((rc == 0 ? SOURCE_ROWS : 0))" \
        "archive $((SIZE[sqlite-dump] / 1048576)) MiB (zstd, SHA-256 per table)"
    rc=0
    t0="$(now)"
    "$TIME" -v -o "$WORK/sqlite3-dump.time" sh -c 'sqlite3 "$1" .dump >"$2"' sh "$SAMPLE" "$sql" || rc=$?
    t1="$(now)"
    SIZE[sqlite3-dump]="$(stat -c %s "$sql" 2>/dev/null || echo 0)"
    record sqlite3-dump "$(secs "$t0" "$t1")" "$(rss_mib "$WORK/sqlite3-dump.time")" "$rc" "$((rc == 0 ? SOURCE_ROWS : 0))" \
        "plain SQL $((SIZE[sqlite3-dump] / 1048576)) MiB, uncompressed, no checksum"
    rm -f "$archive" "$sql"
}

# run_pgloader_as NAME ARG...: pgloader ARG... into the fresh database bench_NAME (- as _), which the arguments name.
run_pgloader_as() {
    local name="$1" db="bench_${1//-/_}" t0 t1 errors
    shift
    fresh_db "$db"
    t0="$(now)"
    "$TIME" -v -o "$WORK/$name.time" pgloader "$@" >"$WORK/$name.log" 2>&1 || true
    t1="$(now)"
    keep_log "$WORK/$name.log" "$name"
    errors="$(grep -c 'ERROR' "$WORK/$name.log" || true)"
    arrived "$db"
    record "$name" "$(secs "$t0" "$t1")" "$(rss_mib "$WORK/$name.time")" "$(exit_of "$WORK/$name.time")" "$ARRIVED" \
        "$errors ERROR lines in its log; $ARRIVED_DETAIL"
    admin "DROP DATABASE $db"
}
# pgloader's URL wants postgresql://; sqlite:// followed by an absolute path.
run_pgloader() { run_pgloader_as pgloader "sqlite://$SAMPLE" "postgresql://${PG_BASE#postgres://}/bench_pgloader"; }
run_mysql_pgloader() {
    # A load file (it holds the password: only the owner reads it, and it goes with $WORK) to drop the
    # datetime defaults pgloader 3.6.7 cannot carry; zero dates, which the sample has none of, become NULL.
    (umask 077 && cat >"$WORK/mysql.load" <<LOAD
LOAD DATABASE
  FROM $MY_SOURCE
  INTO postgresql://${PG_BASE#postgres://}/bench_mysql_pgloader
  CAST type datetime to timestamptz drop default using zero-dates-to-null;
LOAD
    )
    run_pgloader_as mysql-pgloader "$WORK/mysql.load"
}

run_dump() {
    local db=bench_dump t0 t1 errors rc_dump rc_psql rss
    fresh_db "$db"
    t0="$(now)"
    # No ON_ERROR_STOP: exactly what `sqlite3 app.db .dump | psql` does — go on past every error.
    # Each side of the pipe gets its own GNU time; the peak RSS is the larger of the two.
    set +e
    "$TIME" -v -o "$WORK/dump.time" sqlite3 "$SAMPLE" .dump \
        | "$TIME" -v -o "$WORK/psql.time" psql -q "$PG_BASE/$db" >/dev/null 2>"$WORK/dump.err"
    set -e
    t1="$(now)"
    rc_dump="$(exit_of "$WORK/dump.time")" rc_psql="$(exit_of "$WORK/psql.time")"
    errors="$(grep -c '^ERROR:' "$WORK/dump.err" || true)"
    # The first errors, then how many of each kind.
    {
        head -n 20 "$WORK/dump.err"
        echo "--- errors by kind (first 60 characters):"
        grep '^ERROR:' "$WORK/dump.err" | cut -c1-60 | sort | uniq -c | sort -rn | head -n 10
    } >"$CACHE/last-dump.log"
    rm -f "$WORK/dump.err"   # at scale 1 it holds ~1.1 M error messages
    rss="$(rss_mib "$WORK/dump.time")"
    if (($(rss_mib "$WORK/psql.time") > rss)); then rss="$(rss_mib "$WORK/psql.time")"; fi
    arrived "$db"
    record dump "$(secs "$t0" "$t1")" "$rss" "$rc_psql" "$ARRIVED" \
        "exit codes sqlite3=$rc_dump psql=$rc_psql; $errors errors from psql (first ones in $CACHE/last-dump.log); ${ARRIVED_DETAIL:-no tables}"
    admin "DROP DATABASE $db"
}

run_raw() {
    local db=bench_raw t0 t1 t2 t3 rc=0 rss=0 r csv="$WORK/csv" t
    fresh_db "$db"
    psql "$PG_BASE/$db" -v ON_ERROR_STOP=1 -q -f "$BENCH/raw-schema.sql" >/dev/null   # not timed
    mkdir -p "$csv"
    # Step 1: export every table as CSV (empty = NULL, "" = empty text: what PostgreSQL's CSV reads).
    t0="$(now)"
    for t in "${SOURCE_TABLES[@]}"; do
        "$TIME" -v -o "$WORK/raw1.time" sqlite3 -csv "$SAMPLE" "SELECT * FROM \"$t\"" >"$csv/$t.csv" || rc=$?
        r="$(rss_mib "$WORK/raw1.time")"; if ((r > rss)); then rss=$r; fi
    done
    t1="$(now)"
    # Step 2: \copy each file into its table; the tables have no key, index or foreign key yet.
    {
        echo '\set ON_ERROR_STOP 1'
        for t in "${SOURCE_TABLES[@]}"; do echo "\\copy \"$t\" FROM '$csv/$t.csv' WITH (FORMAT csv)"; done
    } >"$WORK/raw-copy.sql"
    "$TIME" -v -o "$WORK/raw2.time" psql -q "$PG_BASE/$db" -f "$WORK/raw-copy.sql" >/dev/null || rc=$?
    r="$(rss_mib "$WORK/raw2.time")"; if ((r > rss)); then rss=$r; fi
    t2="$(now)"
    # Step 3: primary keys, indexes, foreign keys, identity, ANALYZE.
    "$TIME" -v -o "$WORK/raw3.time" psql -q "$PG_BASE/$db" -v ON_ERROR_STOP=1 -f "$BENCH/raw-constraints.sql" >/dev/null || rc=$?
    r="$(rss_mib "$WORK/raw3.time")"; if ((r > rss)); then rss=$r; fi
    t3="$(now)"
    rm -rf "$csv"
    RAW_STEPS+=("$(secs "$t0" "$t1")|$(secs "$t1" "$t2")|$(secs "$t2" "$t3")")
    arrived "$db"
    record raw "$(secs "$t0" "$t3")" "$rss" "$rc" "$ARRIVED" \
        "export $(secs "$t0" "$t1") s + copy $(secs "$t1" "$t2") s + constraints $(secs "$t2" "$t3") s; $ARRIVED_DETAIL"
    admin "DROP DATABASE $db"
}

FERRY_COPY_S=() RAW_STEPS=()
for ((run = 1; run <= RUNS; run++)); do
    ((RUNS == 1)) || log "--- run $run of $RUNS"
    if wants ferry; then log "timing: ferry copy"; run_ferry; fi
    if wants pgloader; then log "timing: pgloader"; run_pgloader; fi
    if wants dump; then log "timing: sqlite3 .dump | psql (slow, and fails on most rows)"; run_dump; fi
    if wants raw; then log "timing: the raw limit (sqlite3 -csv, psql \\copy, then constraints)"; run_raw; fi
    if wants mysql; then log "timing: ferry copy from MariaDB"; run_mysql; fi
    if wants mysql-pgloader; then log "timing: pgloader from MariaDB"; run_mysql_pgloader; fi
    if wants pg-pg; then log "timing: ferry copy from PostgreSQL"; run_pg_pg; fi
    if wants pg_dump; then log "timing: pg_dump -Fc | pg_restore"; run_pg_dump; fi
    if wants dump-restore; then log "timing: ferry dump, then ferry restore, of PostgreSQL"; run_dump_restore; fi
    if wants sqlite-dump; then log "timing: ferry dump and sqlite3 .dump of the SQLite sample"; run_sqlite_dumps; fi
    if wants verify; then log "timing: ferry verify, clean and with one changed row"; run_verify; fi
    if wants sync; then log "timing: ferry sync after 1% of the messages changed and 1% were added"; run_sync; fi
done
# A throwaway server goes with its source; a server of the environment's keeps nothing of the bench's.
if ((FROM_ENV)) && { wants pg-pg || wants pg_dump || wants dump-restore; }; then admin "DROP DATABASE IF EXISTS bench_pg_source"; fi

# --- summary ----------------------------------------------------------------------------------------------

# median NAME FIELD: the median (lower middle) of FIELD over NAME's runs; max NAME FIELD likewise.
field_of() {
    local name="$1" f="$2" line
    for line in "${RESULTS[@]}"; do
        if [[ "$line" == "$name|"* ]]; then cut -d'|' -f"$f" <<<"$line"; fi
    done
}
median() { field_of "$1" "$2" | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
maxof() { field_of "$1" "$2" | sort -g | tail -n 1; }
median_list() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
rate() { awk -v n="$SOURCE_ROWS" -v s="$1" 'BEGIN { if (s > 0) printf "%.0f", n / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b }'; }
commas() { sed ':a; s/\B[0-9]\{3\}\>/,&/; ta' <<<"${1:-}"; }

declare -A LABEL=(
    [ferry]="ferry copy"
    [pgloader]="pgloader (defaults)"
    [dump]="sqlite3 .dump | psql"
    [raw]="raw limit: csv + \\copy + constraints"
    [mysql]="MariaDB → PG: ferry copy"
    [mysql-pgloader]="MariaDB → PG: pgloader (load file)"
    [pg-pg]="PG → PG: ferry copy"
    [pg_dump]="PG → PG: pg_dump -Fc | pg_restore"
    [verify]="ferry verify --level checksums"
    [verify-diff]="ferry verify, one row changed"
    [dump-restore]="PG → PG: ferry dump, then ferry restore"
    [sqlite-dump]="ferry dump of the SQLite sample"
    [sqlite3-dump]="sqlite3 .dump of the SQLite sample"
    [sync]="ferry sync, 1% updated + 1% inserted"
    [sync-raw]="  its floor: psql COPY + INSERT ON CONFLICT"
    [sync-follow]="  the same, one run in --follow, recent 1%"
)
echo
echo "→ PostgreSQL $PG_VERSION from SQLite (mysql*: the same rows from MariaDB), sample scale $SCALE: $(commas "$SOURCE_ROWS") rows, $((SAMPLE_BYTES / 1048576)) MiB; $(nproc) cores (load now $(load1)); $RUNS run(s), median wall"
printf '%-40s %9s %10s %9s %5s %14s\n' "contender" "wall (s)" "rows/s" "peak RSS" "exit" "rows arrived"
printf '%-40s %9s %10s %9s %5s %14s\n' "---------" "--------" "------" "--------" "----" "------------"
declare -A WALL RPS RSS EXIT ARR
for name in ferry pgloader dump raw mysql mysql-pgloader pg-pg pg_dump dump-restore sqlite-dump sqlite3-dump verify verify-diff sync sync-raw sync-follow; do
    n="${name%-diff}"; n="${n%-raw}"; n="${n/sqlite3-dump/sqlite-dump}"; wants "${n%-follow}" || continue
    WALL[$name]="$(median "$name" 2)"
    RPS[$name]="$(rate "${WALL[$name]}")"
    RSS[$name]="$(maxof "$name" 3)"
    EXIT[$name]="$(field_of "$name" 4 | sort -u | paste -sd/)"
    ARR[$name]="$(field_of "$name" 5 | tail -n 1)"
    printf '%-40s %9s %10s %5s MiB %5s %14s\n' "${LABEL[$name]}" "${WALL[$name]}" "$(commas "${RPS[$name]}")" \
        "${RSS[$name]}" "${EXIT[$name]}" "$(commas "${ARR[$name]}")"
done
if wants raw; then
    RAW1="$(median_list "${RAW_STEPS[@]%%|*}")"
    RAW2="$(for s in "${RAW_STEPS[@]}"; do cut -d'|' -f2 <<<"$s"; done | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
    RAW3="$(median_list "${RAW_STEPS[@]##*|}")"
    printf '  %-38s %9s\n' "step 1: sqlite3 -csv export" "$RAW1" "step 2: psql \\copy (no indexes)" "$RAW2" \
        "step 3: keys, indexes, FKs, ANALYZE" "$RAW3"
fi
[[ "${RPS[dump]:-}" == "" ]] || echo "  (dump's rows/s counts the source rows over its wall time; see 'rows arrived' for what it delivered)"

echo
SUMMARY=()
if wants ferry; then
    # Ferry's own copy time in the run whose wall time is the median one.
    FERRY_COPY="$(printf '%s\n' "${FERRY_COPY_S[@]}" | awk -F'|' -v w="${WALL[ferry]}" '$1 == w { print $2; exit }')"
    echo "Ferry's wall time ${WALL[ferry]} s = its own copy (create, load, constraints, ANALYZE, counts) $FERRY_COPY s + start-up, schema read and profiling scan $(awk -v w="${WALL[ferry]}" -v c="$FERRY_COPY" 'BEGIN { printf "%.2f", w - c }') s"
    if wants pgloader; then
        if [[ "${EXIT[pgloader]}" == 0 ]]; then
            R_PGL="$(ratio "${RPS[ferry]}" "${RPS[pgloader]}")"
            SUMMARY+=("Ferry rows/s ÷ pgloader rows/s = $R_PGL (goal ≥ 2): $(awk -v r="$R_PGL" 'BEGIN { print (r >= 2 ? "met" : "NOT met") }')")
        else
            # A run that died is not timed against the whole sample: only the rows it delivered count.
            DELIVERED="$(awk -v n="${ARR[pgloader]:-0}" -v s="${WALL[pgloader]}" 'BEGIN { if (s > 0) printf "%.0f", n / s }')"
            R_PGL="$(ratio "${RPS[ferry]}" "$DELIVERED")"
            SUMMARY+=("pgloader failed (exit ${EXIT[pgloader]}) after ${WALL[pgloader]} s with $(commas "${ARR[pgloader]}") of $(commas "$SOURCE_ROWS") rows; its log: $CACHE/last-pgloader.log")
            SUMMARY+=("Ferry rows/s ÷ the rows/s pgloader delivered ($(commas "$DELIVERED")) = $R_PGL (goal ≥ 2): $(awk -v r="$R_PGL" 'BEGIN { print (r >= 2 ? "met" : "NOT met") }')")
        fi
        [[ "${EXIT[pgloader]}" != 0 || "${ARR[pgloader]:-0}" -ge "$SOURCE_ROWS" ]] \
            || SUMMARY+=("pgloader reported success but $(commas "$((SOURCE_ROWS - ARR[pgloader]))") of $(commas "$SOURCE_ROWS") rows did not arrive")
    fi
    if wants raw; then
        R_RAW="$(ratio "${WALL[ferry]}" "${WALL[raw]}")"
        R_RAW_INV="$(ratio "${WALL[raw]}" "${WALL[ferry]}")"
        SUMMARY+=("Ferry is within ${R_RAW}× of the raw limit (goal ≤ 1.5×): $(awk -v r="$R_RAW" 'BEGIN { print (r <= 1.5 ? "met" : "NOT met") }') — raw-limit time ÷ Ferry time = $R_RAW_INV")
    fi
    SUMMARY+=("Ferry's peak RSS ${RSS[ferry]} MiB (goal < 500 MB): $(awk -v r="${RSS[ferry]}" 'BEGIN { print (r * 1.048576 < 500 ? "met" : "NOT met") }')")
    SUMMARY+=("Ferry's exit code ${EXIT[ferry]}, rows arrived $(commas "${ARR[ferry]}") of $(commas "$SOURCE_ROWS")")
fi
if wants mysql && wants mysql-pgloader; then
    R_MY="$(ratio "${RPS[mysql]}" "${RPS[mysql-pgloader]}")"
    SUMMARY+=("MariaDB → PostgreSQL: Ferry rows/s ÷ pgloader rows/s = $R_MY (pgloader exit ${EXIT[mysql-pgloader]}, $(commas "${ARR[mysql-pgloader]}") rows arrived)")
fi
if wants ferry && wants verify; then
    SUMMARY+=("ferry verify (checksums) wall time ÷ ferry copy wall time = $(ratio "${WALL[verify]}" "${WALL[ferry]}") (goal ≤ 1); one changed row found and named: $(ratio "${WALL[verify-diff]}" "${WALL[ferry]}")× the copy's time (goal < 2)")
fi
if wants ferry && wants sync; then
    SUMMARY+=("ferry sync of 1% updated + 1% inserted messages ÷ ferry copy wall time = $(ratio "${WALL[sync]}" "${WALL[ferry]}") as one process, $(ratio "${WALL[sync-follow]}" "${WALL[ferry]}") as one run of --follow (goal ≤ 0.05): $(awk -v s="${WALL[sync-follow]}" -v c="${WALL[ferry]}" 'BEGIN { print (s <= 0.05 * c ? "met" : "NOT met") }') in --follow; psql's upsert of the same rows alone = $(ratio "${WALL[sync-raw]}" "${WALL[ferry]}") of the copy, and ferry sync = $(ratio "${WALL[sync]}" "${WALL[sync-raw]}")× that floor")
fi
if wants dump-restore && wants pg_dump; then
    SUMMARY+=("PostgreSQL backup round trip: ferry dump + ferry restore wall time ÷ pg_dump -Fc | pg_restore wall time = $(ratio "${WALL[dump-restore]}" "${WALL[pg_dump]}"); archive size ÷ pg_dump -Fc's = $(ratio "${SIZE[dump-restore]}" "${SIZE[pg_dump]}") (goal ≤ 1)")
fi
if wants sqlite-dump; then
    SUMMARY+=("SQLite backup: ferry dump wall time ÷ sqlite3 .dump wall time = $(ratio "${WALL[sqlite-dump]}" "${WALL[sqlite3-dump]}") (goal < 1); archive size ÷ .dump's = $(ratio "${SIZE[sqlite-dump]}" "${SIZE[sqlite3-dump]}")")
fi
if wants pg-pg && wants pg_dump; then
    SUMMARY+=("PostgreSQL → PostgreSQL: Ferry wall time ÷ pg_dump | pg_restore wall time = $(ratio "${WALL[pg-pg]}" "${WALL[pg_dump]}")")
fi
printf '%s\n' "${SUMMARY[@]}"

# --- JSON ------------------------------------------------------------------------------------------------

mkdir -p "$BENCH/results"
OUT="$BENCH/results/$(date -u +%Y-%m-%dT%H%M%SZ)-scale$SCALE.json"
json_str() { local s="${1//\\/\\\\}"; s="${s//\"/\\\"}"; printf '"%s"' "$s"; }
{
    echo "{"
    echo "  \"date\": $(json_str "$(date -u +%Y-%m-%dT%H:%M:%SZ)"),"
    echo "  \"commit\": $(json_str "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"),"
    echo "  \"scale\": $SCALE, \"runs\": $RUNS, \"source_rows\": $SOURCE_ROWS, \"sample_bytes\": $SAMPLE_BYTES,"
    echo "  \"machine\": {\"cores\": $(nproc), \"mem_mib\": $(awk '/MemTotal/ { printf "%d", $2 / 1024 }' /proc/meminfo)},"
    echo "  \"versions\": {\"postgres\": $(json_str "$PG_VERSION"), \"pgloader\": $(json_str "$(pgloader --version 2>/dev/null | head -n 1)"), \"sqlite3\": $(json_str "$(sqlite3 --version | cut -d' ' -f1)"), \"dotnet\": $(json_str "$(dotnet --version)")},"
    echo "  \"runs_detail\": ["
    for i in "${!RESULTS[@]}"; do
        IFS='|' read -r n w r e a note <<<"${RESULTS[$i]}"
        printf '    {"contender": "%s", "wall_s": %s, "peak_rss_mib": %s, "exit": %s, "rows_arrived": %s, "note": %s}%s\n' \
            "$n" "$w" "${r:-null}" "${e:-null}" "$a" "$(json_str "$note")" "$([[ $i -lt $((${#RESULTS[@]} - 1)) ]] && echo ,)"
    done
    echo "  ],"
    echo "  \"summary\": {"
    first=1
    for name in ferry pgloader dump raw mysql mysql-pgloader pg-pg pg_dump dump-restore sqlite-dump sqlite3-dump verify verify-diff sync sync-raw sync-follow; do
        n="${name%-diff}"; n="${n%-raw}"; n="${n/sqlite3-dump/sqlite-dump}"; wants "${n%-follow}" || continue
        ((first)) || echo ","
        first=0
        printf '    "%s": {"wall_s": %s, "rows_per_s": %s, "peak_rss_mib": %s, "exit": "%s", "rows_arrived": %s' \
            "$name" "${WALL[$name]}" "${RPS[$name]:-null}" "${RSS[$name]:-null}" "${EXIT[$name]}" "${ARR[$name]}"
        [[ "$name" != raw ]] || printf ', "export_s": %s, "copy_s": %s, "constraints_s": %s' "$RAW1" "$RAW2" "$RAW3"
        [[ "$name" != ferry ]] || printf ', "ferry_reported_copy_s": %s' "$FERRY_COPY"
        printf '}'
    done
    echo
    echo "  },"
    echo "  \"ratios\": {\"mysql_ferry_over_pgloader_rows_per_s\": ${R_MY:-null}, \"ferry_over_pgloader_rows_per_s\": ${R_PGL:-null}, \"ferry_time_over_raw_time\": ${R_RAW:-null}, \"raw_time_over_ferry_time\": ${R_RAW_INV:-null}},"
    echo "  \"goals\": [$(for s in "${SUMMARY[@]}"; do printf '%s,' "$(json_str "$s")"; done | sed 's/,$//')]"
    echo "}"
} >"$OUT"
echo
echo "results: $OUT (last logs of each contender in $CACHE/last-*.log)"
