#!/usr/bin/env bash
# Load benchmark of the Seatwarden server over HTTP (issue 7). docs/benchmarks.md has the results.
#
# Usage (from anywhere in the repository):
#   benchmarks/load/run.sh [--no-build] [--tokens N] [--rounds R] [--duration SECONDS]
#                          [--warmup SECONDS] [--verify-warmup SECONDS] [--connections C] [--threads T]
#                          [--claims N] [--claim-concurrency C] [--claim-warmup N]
#                          [--only sqlite|postgresql]
#
# For each database (SQLite in a temporary folder; then PostgreSQL, in a fresh schema, when
# SEATWARDEN_BENCH_PG_URL or else SEATWARDEN_TEST_PG_URL holds a jdbc:postgresql:// URL, for
# example 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'; psql must be installed):
#   1. makes an ENTERPRISE account with `admin account create --password-stdin` (random password);
#   2. starts `java -XX:SharedArchiveFile=bootstrap/target/seatwarden.jsa -jar
#      bootstrap/target/seatwarden.jar serve` (the README's command; without the archive option
#      when the jar has no archive beside it, or SEATWARDEN_BENCH_CDS=0) on a free port and measures the cold
#      start: from launching java until GET /health/live answers 200;
#   3. signs in (POST /v1/session), creates N API tokens (default 50) and verifies each once from
#      its own machine, so that every seat is assigned;
#   4. drives wrk (default 32 connections, 1 thread, --latency; one thread because wrk's second
#      thread on these 2 cores took CPU from the server at the worst moments: the no-op route's p99
#      was 1.4-1.8 times as long with 2 threads, at the same throughput, docs/benchmarks.md) in turns on the same server:
#      a warm-up of each route (not reported; see --verify-warmup), then R rounds (default 4) of GET /health/live (the
#      no-op route) and POST /v1/auth/verify (verify.lua: round-robin over the N tokens, each from
#      its own machine, so every request is a steady-state verification; the no-op route goes
#      through the same script with the same headers, so that wrk's own cost, on the same cores,
#      is the same for both), the no-op route first
#      in odd rounds and verify first in even ones, so that a drift of the machine's speed weighs
#      on both alike;
#   5. seat claims (unless --claims 0): the disk's fsync rate (java Claims.java fsync: 4 KiB
#      appends, each forced to disk, for 3 s, in the temporary folder), then W + N new tokens
#      (defaults 10000 and 20000, made by java Claims.java tokens) verified once each from their
#      own machine by wrk over C connections (default 32, as for verify) with claims.lua, every one a first use
#      that assigns the seat, a durable commit: the first W warm the code up (as the routes'
#      warm-up does), the N that follow are measured (claims.lua times them itself, from the
#      first request to the last answer), with the server's CPU time per claim; then the fsync
#      rate again;
#   6. samples the server's RSS every 0.5 s during the load (and reads VmHWM, the peak of the whole
#      process life, at the end), then stops the server with SIGTERM.
# It prints one summary table: route, requests/s, p50, p99, non-2xx answers, ratio verify/no-op
# of the same round; per database the median of the rounds' ratios and the ratio of the mean
# throughputs; peak RSS, and the cold start.
#
# Options: --no-build skips the build (by default the jar is built when missing, with
# `./mvnw -q -B package -DskipTests`); --tokens, --rounds, --duration (of each measured wrk run,
# default 8 s), --warmup (of the no-op route, default 10 s), --verify-warmup (of verify, default 70 s:
# longer than R10's minute, so that the first refreshes of the tokens' last use, a branch the steady
# state takes about once a minute per token, are reached, and the JIT's recompilations of the hot
# verify path that they trigger are over, before anything is measured), --connections, --threads;
# --only runs one database.
# Environment: SEATWARDEN_BENCH_CDS=0 starts the server without the class-data archive beside the
# jar (docs/operations.md, "Start-up"; used by default when the jar has one); SEATWARDEN_BENCH_KEEP=1 keeps the temporary folder (it holds the secrets: delete it);
# SEATWARDEN_BENCH_THREADS=DIR (an existing folder) writes 10 thread dumps of the server
# (`jcmd PID Thread.print`, one a second) taken during the last verify run to DIR: a poor man's
# profile, which slows that run a little; SEATWARDEN_BENCH_JAR runs another jar (an older build,
# to compare side by side; never built); SEATWARDEN_BENCH_JAVA_OPTS holds JVM options for the
# server (for example -Xmx128m; none by default); SEATWARDEN_BENCH_PROFILE=DIR (an existing
# folder) with SEATWARDEN_BENCH_PROFILER=PATH (async-profiler's libasyncProfiler.so, for example
# from tools.profiler:async-profiler:4.2:jar:linux-x64 on Maven Central) profiles the server's CPU
# (every 1 ms; SEATWARDEN_BENCH_PROFILE_EVENT=cpu for perf_events, which counts kernel time too,
# default itimer) during each measured run and the measured claims, one collapsed-stack file each
# (DIR/DB-RUN.collapsed, DIR/DB-claims.collapsed), loading the agent into the running server with
# `jcmd PID JVMTI.agent_load`; it slows the runs.
#
# Secrets: tokens and the password never reach the terminal. They live in files of a private
# temporary folder (mode 700), which the script deletes on exit; wrk reads the tokens from there.
# Requires: java 17, curl, jq, wrk, ps (and psql for PostgreSQL). Not part of `./mvnw verify`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="${SEATWARDEN_BENCH_JAR:-$root/bootstrap/target/seatwarden.jar}"

build=1
tokens=50
duration=8
rounds=4
claims=20000
claim_concurrency=32
claim_warmup=10000
warmup=10
verify_warmup=70
connections=32
threads=1
only=""

while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) build=0 ;;
        --tokens) tokens="$2"; shift ;;
        --duration) duration="$2"; shift ;;
        --rounds) rounds="$2"; shift ;;
        --claims) claims="$2"; shift ;;
        --claim-concurrency) claim_concurrency="$2"; shift ;;
        --claim-warmup) claim_warmup="$2"; shift ;;
        --warmup) warmup="$2"; shift ;;
        --verify-warmup) verify_warmup="$2"; shift ;;
        --connections) connections="$2"; shift ;;
        --threads) threads="$2"; shift ;;
        --only) only="$2"; shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

for tool in java curl jq wrk ps; do
    command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 2; }
done

if [[ -n "${SEATWARDEN_BENCH_JAR:-}" && ! -f "$jar" ]]; then
    echo "SEATWARDEN_BENCH_JAR names $jar, which does not exist (it is never built)" >&2
    exit 2
fi
if [[ ! -f "$jar" ]]; then
    if [[ $build -eq 0 ]]; then
        echo "$jar is missing and --no-build was given" >&2
        exit 2
    fi
    echo "building the jar (./mvnw -q -B package -DskipTests)…"
    (cd "$root" && ./mvnw -q -B package -DskipTests)
fi
# the class-data archive the build makes beside the jar (docs/operations.md, "Start-up"), used as
# the README's command uses it; SEATWARDEN_BENCH_CDS=0 starts without it
archive="${jar%.jar}.jsa"
cds_opts=()
if [[ "${SEATWARDEN_BENCH_CDS:-1}" != 0 && -f "$archive" ]]; then
    cds_opts=("-XX:SharedArchiveFile=$archive")
fi

umask 077
work="$(mktemp -d "${TMPDIR:-/tmp}/seatwarden-load.XXXXXX")"
server_pid=""
sampler_pid=""
pg_cleanup=""

cleanup() {
    set +e
    [[ -n "$sampler_pid" ]] && kill "$sampler_pid" 2>/dev/null
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        wait "$server_pid" 2>/dev/null
    fi
    [[ -n "$pg_cleanup" ]] && eval "$pg_cleanup" >/dev/null 2>&1
    if [[ "${SEATWARDEN_BENCH_KEEP:-0}" == 1 ]]; then
        echo "kept $work (it holds secrets: delete it)" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo "no free port found" >&2
    exit 1
}

now_ns() { date +%s%N; }

# Milliseconds from wrk's latency notation (e.g. 812.00us, 1.23ms, 1.02s).
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n = n / 1000
        else if (v ~ /ms$/) n = n
        else if (v ~ /m$/) n = n * 60000
        else if (v ~ /s$/) n = n * 1000
        printf "%.2f", n
    }'
}

results="$work/results.tsv"
: >"$results"

# run_wrk LABEL DB ROUTE ARGS… : one wrk run, its figures appended to $results.
run_wrk() {
    local label="$1" db="$2" route="$3"
    shift 3
    local out="$work/wrk-$db-$label.txt"
    local cpu_before cpu_after
    profile start
    cpu_before="$(cpu_ticks)"
    wrk -t "$threads" -c "$connections" -d "${duration}s" --latency "$@" >"$out" 2>&1
    cpu_after="$(cpu_ticks)"
    profile "stop,file=${SEATWARDEN_BENCH_PROFILE:-}/$db-$label.collapsed,collapsed"
    local rps p50 p99 non2xx errors requests cpu_us
    rps="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
    requests="$(awk '/requests in/ {print $1}' "$out")"
    # the server's own CPU time (user + system) per answered request, in microseconds
    cpu_us="$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$requests" -v hz="$(getconf CLK_TCK)" \
        'BEGIN {printf "%.0f", (b - a) * 1000000 / hz / n}')"
    p50="$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")"
    p99="$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
    non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")"
    errors="$(awk '/Socket errors:/ {sub(/.*Socket errors: /, ""); print}' "$out")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$db" "$label" "$route" "$rps" "$p50" "$p99" \
        "${non2xx:-0}" "${errors:-none}" "$cpu_us" >>"$results"
}

# profile COMMAND: async-profiler's COMMAND on the server, when SEATWARDEN_BENCH_PROFILE is set
profile() {
    [[ -n "${SEATWARDEN_BENCH_PROFILE:-}" ]] || return 0
    local command="$1"
    [[ "$command" == start ]] && command="start,event=${SEATWARDEN_BENCH_PROFILE_EVENT:-itimer},interval=1ms"
    # quoted, or jcmd would read the options' "=" as its own key=value syntax
    jcmd "$server_pid" JVMTI.agent_load "$SEATWARDEN_BENCH_PROFILER" "\"$command\"" >/dev/null
}

# cpu_ticks: the server's user + system CPU time so far, in clock ticks (/proc/PID/stat)
cpu_ticks() {
    awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$server_pid/stat"
}

# check_claims WRK_OUTPUT EXPECTED: every claim of a claims.lua run answered NEW, within the run
check_claims() {
    local got other
    got="$(awk '$1 == "claims" {print $2}' "$1")"
    other="$(awk '$1 == "other" {print $2}' "$1")"
    if [[ "$got" != "$2" || "$other" != 0 ]] || grep -q '^unfinished' "$1"; then
        echo "the claims run did not claim every seat once ($got of $2 claims, ${other:-?} other answers):" >&2
        grep -v -i 'bearer' "$1" | tail -n 20 >&2
        exit 1
    fi
}

# bench DB_NAME DB_URL
bench() {
    local db="$1" url="$2"
    local port base password log
    port="$(free_port)"
    base="http://127.0.0.1:$port"
    log="$work/server-$db.log"

    echo "[$db] seeding the account"
    password="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
    printf '%s\n' "$password" >"$work/password"
    java -jar "$jar" admin account create --email bench@example.com --plan ENTERPRISE \
        --password-stdin --db "$url" <"$work/password" >"$work/admin-$db.log" 2>&1 \
        || { echo "[$db] admin account create failed:" >&2; tail -n 20 "$work/admin-$db.log" >&2; exit 1; }

    echo "[$db] starting the server on port $port"
    local started answered
    started="$(now_ns)"
    # shellcheck disable=SC2086 # JVM options are words
    java "${cds_opts[@]}" ${SEATWARDEN_BENCH_JAVA_OPTS:-} -jar "$jar" serve --port "$port" --db "$url" >"$log" 2>&1 &
    server_pid=$!
    until curl -fsS -o /dev/null "$base/health/live" 2>/dev/null; do
        if ! kill -0 "$server_pid" 2>/dev/null; then
            echo "[$db] the server stopped:" >&2
            tail -n 30 "$log" >&2
            exit 1
        fi
        if (($(now_ns) - started > 60000000000)); then
            echo "[$db] no answer after 60 s" >&2
            exit 1
        fi
        sleep 0.02
    done
    answered="$(now_ns)"
    local cold_ms=$(((answered - started) / 1000000))
    echo "[$db] first answer after $cold_ms ms"

    echo "[$db] signing in, creating $tokens tokens and assigning their seats"
    jq -n --arg e bench@example.com --rawfile p "$work/password" \
        '{email: $e, password: ($p | rtrimstr("\n"))}' >"$work/signin.json"
    curl -fsS -o "$work/session.json" -c "$work/cookies" -H 'Content-Type: application/json' \
        --data-binary @"$work/signin.json" "$base/v1/session" \
        || { echo "[$db] sign-in refused" >&2; exit 1; }
    local csrf
    csrf="$(jq -r .csrfToken "$work/session.json")"
    : >"$work/tokens"
    local i secret answer assignment
    for i in $(seq 1 "$tokens"); do
        curl -fsS -o "$work/token.json" -b "$work/cookies" -H 'Content-Type: application/json' \
            -H "X-CSRF-Token: $csrf" --data-binary "{\"name\":\"bench-$i\",\"kind\":\"API\"}" \
            "$base/v1/tokens" || { echo "[$db] token creation refused" >&2; exit 1; }
        secret="$(jq -r .secret "$work/token.json")"
        printf '%s bench-machine-%03d\n' "$secret" "$i" >>"$work/tokens"
        printf 'Authorization: Bearer %s\nX-Machine-Id: bench-machine-%03d\n' "$secret" "$i" \
            >"$work/verify-headers"
        answer="$(curl -sS -o "$work/verify.json" -w '%{http_code}' -X POST \
            -H @"$work/verify-headers" "$base/v1/auth/verify")"
        assignment="$(jq -r '.seat.assignment // .code' "$work/verify.json")"
        if [[ "$answer" != 200 || "$assignment" != NEW ]]; then
            echo "[$db] first verification of token $i answered $answer $assignment" >&2
            exit 1
        fi
    done
    rm -f "$work/token.json" "$work/verify-headers" "$work/verify.json" "$work/signin.json"
    secret=""
    password=""

    local rss_file="$work/rss-$db"
    : >"$rss_file"
    (
        while kill -0 "$server_pid" 2>/dev/null; do
            ps -o rss= -p "$server_pid" >>"$rss_file" 2>/dev/null || true
            sleep 0.5
        done
    ) &
    sampler_pid=$!

    # the no-op route through the same script as verify (same headers, same Lua call a request)
    local live=(-s "$here/verify.lua" "$base/health/live" -- "$work/tokens" GET /health/live)
    local verify=(-s "$here/verify.lua" "$base/v1/auth/verify" -- "$work/tokens")
    echo "[$db] warm-up: ${warmup} s of GET /health/live, ${verify_warmup} s of POST /v1/auth/verify"
    wrk -t "$threads" -c "$connections" -d "${warmup}s" "${live[@]}" >/dev/null 2>&1
    wrk -t "$threads" -c "$connections" -d "${verify_warmup}s" "${verify[@]}" >/dev/null 2>&1
    local round
    for round in $(seq 1 "$rounds"); do
        local dumper=""
        if (( round % 2 == 1 )); then
            echo "[$db] round $round: GET /health/live, then POST /v1/auth/verify, ${duration} s each"
            run_wrk "live-$round" "$db" "GET /health/live" "${live[@]}"
        else
            echo "[$db] round $round: POST /v1/auth/verify, then GET /health/live, ${duration} s each"
        fi
        if [[ $round == "$rounds" && -n "${SEATWARDEN_BENCH_THREADS:-}" ]] && command -v jcmd >/dev/null; then
            (
                for k in 1 2 3 4 5 6 7 8 9 10; do
                    sleep 1
                    jcmd "$server_pid" Thread.print >"$SEATWARDEN_BENCH_THREADS/threads-$db-$k.txt" 2>&1 || true
                done
            ) &
            dumper=$!
        fi
        run_wrk "verify-$round" "$db" "POST /v1/auth/verify" "${verify[@]}"
        [[ -n "$dumper" ]] && wait "$dumper"
        if (( round % 2 == 0 )); then
            run_wrk "live-$round" "$db" "GET /health/live" "${live[@]}"
        fi
    done

    if ((claims > 0)); then
        echo "[$db] seat claims: $claim_warmup first uses to warm up, then $claims measured," \
            "over $claim_concurrency connections, between two fsync measurements"
        local fsync_before fsync_after created claimed cpu_before cpu_after
        fsync_before="$(java "$here/Claims.java" fsync "$work" 3 | awk '{print $2}')"
        if ((claim_warmup > 0)); then
            java "$here/Claims.java" tokens "$base" bench@example.com "$work/password" "$claim_warmup" \
                "$claim_concurrency" warm-machine "$work/claims-warm" >/dev/null
        fi
        created="$(java "$here/Claims.java" tokens "$base" bench@example.com "$work/password" "$claims" \
            "$claim_concurrency" claim-machine "$work/claims-measured" | awk '{print $2}')"
        # the warm-up claims first, not measured: they warm the server's code up, as the routes' warm-up does
        if ((claim_warmup > 0)); then
            wrk -t "$threads" -c "$claim_concurrency" -d 600s --timeout 10s -s "$here/claims.lua" "$base" \
                -- "$work/claims-warm" "$threads" >"$work/claims-warm-$db.txt" 2>&1 || true
            check_claims "$work/claims-warm-$db.txt" "$claim_warmup"
        fi
        profile start
        cpu_before="$(cpu_ticks)"
        wrk -t "$threads" -c "$claim_concurrency" -d 600s --timeout 10s --latency -s "$here/claims.lua" "$base" \
            -- "$work/claims-measured" "$threads" >"$work/claims-$db.txt" 2>&1 || true
        cpu_after="$(cpu_ticks)"
        profile "stop,file=${SEATWARDEN_BENCH_PROFILE:-}/$db-claims.collapsed,collapsed"
        check_claims "$work/claims-$db.txt" "$claims"
        claimed="$(cat "$work/claims-$db.txt")"
        fsync_after="$(java "$here/Claims.java" fsync "$work" 3 | awk '{print $2}')"
        rm -f "$work/claims-warm" "$work/claims-measured" "$work"/claims-*.done-*
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$db" \
            "$(awk '$1 == "claims_per_s" {print $2}' <<<"$claimed")" \
            "$(awk '$1 == "claim_p50_ms" {print $2}' <<<"$claimed")" \
            "$(awk '$1 == "claim_p99_ms" {print $2}' <<<"$claimed")" \
            "$fsync_before" "$fsync_after" \
            "$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$claims" -v hz="$(getconf CLK_TCK)" \
                'BEGIN {printf "%.0f", (b - a) * 1e6 / hz / n}')" \
            "$created" >>"$work/claims.tsv"
    fi

    kill "$sampler_pid" 2>/dev/null || true
    wait "$sampler_pid" 2>/dev/null || true
    sampler_pid=""
    local peak_kib hwm_kib
    peak_kib="$(sort -n "$rss_file" | tail -n 1)"
    hwm_kib="$(awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status" 2>/dev/null || echo 0)"

    kill -TERM "$server_pid"
    local status=0
    wait "$server_pid" || status=$?
    server_pid=""
    echo "[$db] server stopped (exit $status)"

    printf '%s\t%s\t%s\t%s\n' "$db" "$cold_ms" "$((peak_kib / 1024))" "$((hwm_kib / 1024))" \
        >>"$work/process.tsv"
}

: >"$work/process.tsv"
: >"$work/claims.tsv"
if [[ -z "$only" || "$only" == sqlite ]]; then
    mkdir -p "$work/sqlite"
    bench sqlite "jdbc:sqlite:$work/sqlite/seatwarden.db"
fi

pg_url="${SEATWARDEN_BENCH_PG_URL:-${SEATWARDEN_TEST_PG_URL:-}}"
if [[ -n "$pg_url" && (-z "$only" || "$only" == postgresql) ]]; then
    command -v psql >/dev/null || { echo "psql is required for PostgreSQL" >&2; exit 2; }
    # jdbc:postgresql://HOST[:PORT]/DATABASE[?user=U&password=P…]
    if [[ ! "$pg_url" =~ ^jdbc:postgresql://([^/:?]+)(:([0-9]+))?/([^?]+)(\?(.*))?$ ]]; then
        echo "cannot read the PostgreSQL URL (jdbc:postgresql://HOST[:PORT]/DATABASE[?user=…])" >&2
        exit 2
    fi
    pg_host="${BASH_REMATCH[1]}"
    pg_port="${BASH_REMATCH[3]:-5432}"
    pg_db="${BASH_REMATCH[4]}"
    pg_query="${BASH_REMATCH[6]}"
    pg_user="$(tr '&' '\n' <<<"$pg_query" | sed -n 's/^user=//p')"
    pg_pass="$(tr '&' '\n' <<<"$pg_query" | sed -n 's/^password=//p')"
    schema="seatwarden_load_$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')"
    psql_cmd=(psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -d "$pg_db")
    [[ -n "$pg_user" ]] && psql_cmd+=(-U "$pg_user")
    PGPASSWORD="$pg_pass" "${psql_cmd[@]}" -c "CREATE SCHEMA $schema" >/dev/null
    pg_cleanup="PGPASSWORD=\"\$pg_pass\" \"\${psql_cmd[@]}\" -c \"DROP SCHEMA $schema CASCADE\""
    if [[ "$pg_url" == *\?* ]]; then
        bench postgresql "$pg_url&currentSchema=$schema"
    else
        bench postgresql "$pg_url?currentSchema=$schema"
    fi
fi

echo
echo "Seatwarden load benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t $threads" \
    "-c $connections -d ${duration}s --latency, $tokens tokens," \
    "JVM options: ${SEATWARDEN_BENCH_JAVA_OPTS:-none}, class-data archive: $([[ ${#cds_opts[@]} -gt 0 ]] && echo yes || echo no)"
printf '%-10s %-9s %-22s %12s %9s %9s %8s %14s %12s\n' database run route 'requests/s' 'p50 ms' \
    'p99 ms' non-2xx 'verify/no-op' 'CPU us/req'
while IFS=$'\t' read -r db label route rps p50 p99 non2xx errors cpu_us; do
    ratio=""
    if [[ "$label" == verify-* ]]; then
        live_rps="$(awk -F'\t' -v d="$db" -v l="live-${label#verify-}" '$1 == d && $2 == l {print $4}' \
            "$results")"
        ratio="$(awk -v a="$rps" -v b="$live_rps" 'BEGIN {printf "%.2f", a / b}')"
    fi
    printf '%-10s %-9s %-22s %12.0f %9s %9s %8s %14s %12s\n' "$db" "$label" "$route" "$rps" "$p50" \
        "$p99" "$non2xx" "$ratio" "$cpu_us"
    [[ "$errors" != none ]] && echo "           socket errors: $errors"
done <"$results"
echo
printf '%-10s %26s %30s %24s\n' database 'median verify/no-op ratio' 'mean verify / mean no-op' \
    'CPU us/req verify/no-op'
for db in $(cut -f1 "$results" | uniq); do
    awk -F'\t' -v d="$db" '
        $1 == d && $2 ~ /^live-/ { live[substr($2, 6)] = $4; ls += $4; ln++; lc += $9 }
        $1 == d && $2 ~ /^verify-/ { verify[substr($2, 8)] = $4; vs += $4; vn++; vc += $9 }
        END {
            n = 0
            for (r in verify) if (r in live) ratios[++n] = verify[r] / live[r]
            for (i = 2; i <= n; i++) { x = ratios[i]; j = i - 1
                while (j > 0 && ratios[j] > x) { ratios[j + 1] = ratios[j]; j-- } ratios[j + 1] = x }
            median = n % 2 ? ratios[(n + 1) / 2] : (ratios[n / 2] + ratios[n / 2 + 1]) / 2
            printf "%-10s %26.2f %30.2f %24s\n", d, median, (vs / vn) / (ls / ln), \
                sprintf("%.0f / %.0f", vc / vn, lc / ln)
        }' "$results"
done
if [[ -s "$work/claims.tsv" ]]; then
    echo
    printf '%-10s %10s %9s %9s %16s %16s %22s %16s %18s\n' database 'claims/s' 'p50 ms' 'p99 ms' \
        'fsync/s before' 'fsync/s after' 'claims / mean fsync' 'CPU us/claim' 'tokens created/s'
    while IFS=$'\t' read -r db rate p50 p99 before after cpu created; do
        printf '%-10s %10s %9s %9s %16s %16s %22s %16s %18s\n' "$db" "$rate" "$p50" "$p99" "$before" "$after" \
            "$(awk -v r="$rate" -v a="$before" -v b="$after" 'BEGIN {printf "%.2f", 2 * r / (a + b)}')" "$cpu" \
            "$created"
    done <"$work/claims.tsv"
fi
echo
printf '%-10s %16s %22s %22s\n' database 'cold start ms' 'peak RSS MiB (load)' 'VmHWM MiB (life)'
while IFS=$'\t' read -r db cold peak hwm; do
    printf '%-10s %16s %22s %22s\n' "$db" "$cold" "$peak" "$hwm"
done <"$work/process.tsv"
