#!/usr/bin/env bash
# THE command that runs Ferry's whole test suite, the same way on a developer's
# machine and in CI:
#
#   scripts/test.sh                          # everything
#   scripts/test.sh --filter 'FullyQualifiedName~Postgres'   # extra args go to dotnet test
#
# It installs what is missing, starts throwaway database servers, runs
# `dotnet test` with their addresses in FERRY_TEST_* variables, always stops
# the servers again, and ends with one line:
#
#   tests: N passed, N failed, N skipped
#
# Exit status: non-zero if the build or any test failed, or if no test ran.
# TRX results land in TestResults/run-<time>/ (one file per test project).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# The same output wherever we run: no first-run banners or telemetry notes,
# and no MSBuild "terminal logger", which only switches on in an interactive
# terminal and would make local output differ from CI's.
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDTERMINALLOGGER=off
# No MSBuild worker nodes or build server left running after the run (2 cores).
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

scripts/install-deps.sh

# A state file of our own, so a developer's `scripts/servers.sh start` in
# another shell is neither reused nor stopped by a test run.
export FERRY_SERVERS_STATE="$ROOT/.tools/test-servers.state"
stop_servers() { [[ ! -e "$FERRY_SERVERS_STATE" ]] || scripts/servers.sh stop; }
# Stop the servers however we leave: success, failure, Ctrl-C or kill.
trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# (Assigned first: a failing `start` inside `eval "$(...)"` would go unnoticed.)
server_env="$(scripts/servers.sh start)"
eval "$server_env"

# A fresh folder per run, so only this run's TRX files are counted.
results="$ROOT/TestResults/run-$(date +%Y%m%d-%H%M%S)-$$"
# Plain `--logger trx` rather than a fixed LogFileName: with several test
# projects a fixed name is overwritten by each in turn, while the default
# names are unique per project. --blame-hang-timeout ends a hung test (and
# names it) instead of letting it eat CI's time limit.
#
# dotnet test runs in the background, in its own process group, and we wait
# for it: `dotnet test` does not stop on Ctrl-C while a test hangs, so on an
# interrupt we end its whole process tree ourselves, then stop the servers.
setsid -w dotnet test Ferry.sln -c Release --logger trx --results-directory "$results" \
    --blame-hang-timeout 10m --blame-hang-dump-type none "$@" &
tests_pid=$!   # also its process group id (setsid does not fork here)
end_tests() {
    kill -TERM -- "-$tests_pid" 2>/dev/null || return 0
    for _ in {1..20}; do
        kill -0 -- "-$tests_pid" 2>/dev/null || return 0
        sleep 0.5
    done
    kill -KILL -- "-$tests_pid" 2>/dev/null || true
}
trap 'end_tests; exit 130' INT
trap 'end_tests; exit 143' TERM
status=0
wait "$tests_pid" || status=$?

stop_servers

# Sum <Counters total= executed= passed= failed= error= timeout= aborted= .../>
# over this run's TRX files. A skipped test counts in total but not in executed.
read -r total executed passed failed < <(
    find "$results" -name '*.trx' -exec grep -ho '<Counters [^>]*>' {} + 2>/dev/null |
        awk '{ for (i = 2; i <= NF; i++) if (split($i, kv, "=") == 2) { gsub(/[^0-9]/, "", kv[2]); n[kv[1]] += kv[2] } }
             END { print n["total"] + 0, n["executed"] + 0, n["passed"] + 0,
                         n["failed"] + n["error"] + n["timeout"] + n["aborted"] }'
)
skipped=$((total - executed))

if ((status != 0)); then
    echo "test.sh: dotnet test exited with status $status (build failure or failing tests; see above)" >&2
elif ((failed > 0)); then
    status=1
elif ((executed == 0)); then
    echo "test.sh: no test ran" >&2
    status=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
