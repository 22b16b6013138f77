#!/usr/bin/env bash
# test.sh - the one command that runs every test (CI and local):
#   1. installs the Ceph and GlusterFS Debian packages if missing (idempotent, via *-micro.sh install),
#   2. starts a micro Ceph and a one-brick GlusterFS volume (in its own network namespace) in a temp
#      dir; both are stopped again on any exit, also on failure/Ctrl-C,
#   3. builds Kit.sln (Release) and runs `dotnet test` on it with TRX output,
#      (the docker target's images build meanwhile, see STORAGEKIT_DOCKER),
#   4. runs the conformance matrix (writing Markdown/HTML/JUnit reports to RESULTS/conformance/RUN/),
#   5. sums up all TRX files (CI: prints a coverage summary) and ends with exactly one line
#      "N passed, N failed, N skipped".
# Exit status is non-zero if a test failed, the build or test run failed, no TRX was written,
# or (with CI=true) the Ceph cluster or the GlusterFS volume did not start.
#
# Environment (optional):
#   CI=true                   a cluster that does not start is an error (otherwise a warning and
#                             the native tests report themselves as ignored)
#   STORAGEKIT_CEPH_CONF=F    use this already running cluster instead of starting one
#                             (e.g. the one from `scripts/ceph-micro.sh start DIR`)
#   STORAGEKIT_GLUSTER_HOST=H use this running GlusterFS volume (with STORAGEKIT_GLUSTER_PORT/_VOLUME,
#                             e.g. from `. DIR/gluster.env` after `scripts/gluster-micro.sh start DIR`)
#   STORAGEKIT_COVERAGE=0     do not collect code coverage
#   STORAGEKIT_KEEP=1         keep the temp dir (TRX, coverage, Ceph logs) even on success
#   STORAGEKIT_RESULTS=DIR    write TRX and coverage to DIR (kept) instead of the temp dir
#   STORAGEKIT_DOCKER=0       skip the docker target. By default the run installs docker.io + debootstrap, starts
#                             a private dockerd (docker/dockerd.sh), builds the images (docker/build.sh, in the
#                             background while the solution builds; cached in the daemon's data root) and runs the
#                             whole suite against the containers too (NUnit fixtures and the matrix). With CI=true a
#                             daemon or image that fails is an error.
#   STORAGEKIT_DOCKER_DIR=DIR the private dockerd's state and image cache (default /var/tmp/storagekit-docker)
# Extra arguments go to `dotnet test`, e.g. scripts/test.sh --filter "FullyQualifiedName~Omap".
set -uo pipefail # no -e: every step's status is checked and reported explicitly

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

ci=false
case "${CI:-}" in true | True | TRUE | 1) ci=true ;; esac

work=$(mktemp -d -t storagekit-test.XXXXXX)
results=${STORAGEKIT_RESULTS:-$work/results}
ceph_dir=$work/ceph
gluster_dir=$work/gluster
own_gluster=false # did we start a GlusterFS volume (and so must stop it)?
own_cluster=false # did we start a cluster (and so must stop it)?
own_dockerd=false # did we start the private dockerd (and so must stop it)?
docker_build_pid="" # the background docker/build.sh, while it runs
docker_dir=${STORAGEKIT_DOCKER_DIR:-/var/tmp/storagekit-docker}
cluster_up=false  # did it come up (so its health at the end is worth checking)?
errors=()         # reasons for a non-zero exit, printed before the summary
passed=0 failed=0 skipped=0

say() { echo "test.sh: $*"; }

# Runs exactly once, on every way out: stop our cluster, report, print the summary line last.
finish() {
  local rc=$1
  trap - EXIT INT TERM
  if $own_cluster; then
    local status
    if $cluster_up && ! status=$(bash scripts/ceph-micro.sh status "$ceph_dir" 2>&1); then
      # A daemon that died during the run explains native test failures: show why.
      say "WARNING: the Ceph cluster was not healthy at the end of the run:"
      echo "$status"
      tail -n 30 "$ceph_dir"/log/osd.0.log "$ceph_dir"/log/mon.a.log 2>/dev/null
    fi
    bash scripts/ceph-micro.sh stop "$ceph_dir" || say "WARNING: stopping Ceph failed"
  fi
  if $own_gluster; then
    bash scripts/gluster-micro.sh stop "$gluster_dir" --purge >/dev/null || say "WARNING: stopping GlusterFS failed"
  fi
  if [ -n "$docker_build_pid" ]; then # (a failed solution build ends the run before the images are waited for)
    kill -TERM -- "-$docker_build_pid" 2>/dev/null
    wait "$docker_build_pid" 2>/dev/null
  fi
  if $own_dockerd; then
    bash docker/dockerd.sh stop "$docker_dir" || say "WARNING: stopping dockerd failed"
  fi
  if [ "${#errors[@]}" -gt 0 ]; then
    [ "$rc" -ne 0 ] || rc=1
    local e
    for e in "${errors[@]}"; do say "ERROR: $e"; done
  fi
  if [ "$rc" -eq 0 ] && [ "${STORAGEKIT_KEEP:-0}" != 1 ]; then
    rm -rf "$work"
  elif ! rmdir "$work" 2>/dev/null; then # (an empty dir is not worth keeping)
    say "test results, coverage and Ceph logs kept in $work"
  fi
  echo "$passed passed, $failed failed, $skipped skipped"
  exit "$rc"
}
# Long steps run as their own process group (see run_step) so that an INT/TERM sent to this
# script alone (CI cancel, Ctrl-C) still ends dotnet and its test hosts before Ceph is stopped.
child=""
run_step() {
  setsid "$@" &
  child=$!
  wait "$child"
  local rc=$?
  child=""
  return $rc
}
# shellcheck disable=SC2317 # (called from the traps below)
on_signal() {
  if [ -n "$child" ]; then
    kill -TERM -- "-$child" 2>/dev/null
    wait "$child" 2>/dev/null
  fi
  errors+=("interrupted by signal")
  finish "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap 'finish 1' EXIT # safety net; the normal path calls finish itself

# --- 0: fail fast when there is nothing to build ----------------------------------------------

if ! command -v dotnet >/dev/null; then
  errors+=("dotnet not found on PATH")
  finish 1
fi

# .NET 10's `dotnet new sln` writes Kit.slnx; accept either.
sln=""
for s in Kit.sln Kit.slnx; do
  if [ -f "$s" ]; then sln=$s && break; fi
done
if [ -z "$sln" ]; then
  errors+=("no Kit.sln or Kit.slnx in $(pwd)")
  finish 1
fi

# --- 1+2: packages and the micro Ceph -------------------------------------------------------

# A system the run needs did not come up: $1 what ("Ceph cluster"), $2 why, $3 what that means locally.
# Under CI=true that fails the run (the other tests still run); locally it is a warning.
unavailable() {
  if $ci; then
    errors+=("$1 not available ($2)")
    say "ERROR: $1 not available ($2); running the other tests anyway"
  else
    say "WARNING: $1 not available ($2): $3"
  fi
}
ceph_failed() { unavailable "Ceph cluster" "$1" "native tests will be reported as ignored"; }

if ! bash scripts/ceph-micro.sh install; then
  ceph_failed "installing the Ceph packages failed"
elif [ -n "${STORAGEKIT_CEPH_CONF:-}" ]; then
  # Reuse a cluster the caller runs (faster local loops); it must answer.
  if timeout 20 ceph -c "$STORAGEKIT_CEPH_CONF" --connect-timeout 15 health >/dev/null 2>&1; then
    say "using the running Ceph cluster $STORAGEKIT_CEPH_CONF"
  else
    ceph_failed "STORAGEKIT_CEPH_CONF=$STORAGEKIT_CEPH_CONF does not answer"
    unset STORAGEKIT_CEPH_CONF
  fi
else
  own_cluster=true # set before starting: a half-started cluster must be stopped too
  if conf=$(bash scripts/ceph-micro.sh start "$ceph_dir"); then
    export STORAGEKIT_CEPH_CONF=$conf
    cluster_up=true
    say "Ceph cluster running, STORAGEKIT_CEPH_CONF=$conf"
  else
    ceph_failed "scripts/ceph-micro.sh start failed"
  fi
fi
export STORAGEKIT_CEPH_POOL=${STORAGEKIT_CEPH_POOL:-storagekit}

gluster_failed() { unavailable "GlusterFS volume" "$1" "native Gluster tests will be reported as ignored"; }

if [ -n "${STORAGEKIT_GLUSTER_HOST:-}" ]; then
  say "using the running GlusterFS volume on $STORAGEKIT_GLUSTER_HOST"
elif ! bash scripts/gluster-micro.sh install; then
  gluster_failed "installing the GlusterFS packages failed"
else
  own_gluster=true # set before starting: a half-started volume must be stopped too
  if env_file=$(bash scripts/gluster-micro.sh start "$gluster_dir"); then
    set -a
    # shellcheck disable=SC1090
    . "$env_file"
    set +a
    say "GlusterFS volume $STORAGEKIT_GLUSTER_VOLUME running on $STORAGEKIT_GLUSTER_HOST:$STORAGEKIT_GLUSTER_PORT"
  else
    gluster_failed "scripts/gluster-micro.sh start failed"
  fi
fi

# --- 2b: the NBD tools: real nbdinfo, nbdcopy and nbdkit judge the managed NBD server; libnbd0 is the ---
# native NBD client's library (NbdkitComparisonTests and the native/native-server NBD conformance fixtures
# fail under CI=true without them and are ignored otherwise).

if ! command -v nbdinfo >/dev/null || ! command -v nbdcopy >/dev/null || ! command -v nbdkit >/dev/null ||
  ! /sbin/ldconfig -p 2>/dev/null | grep -q 'libnbd\.so\.0'; then
  say "installing libnbd0 libnbd-bin nbdkit"
  nbd_sudo=()
  [ "$(id -u)" -eq 0 ] || nbd_sudo=(sudo)
  if ! { "${nbd_sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${nbd_sudo[@]}" apt-get install -y -qq libnbd0 libnbd-bin nbdkit; } >&2; then
    say "WARNING: installing the NBD tools failed"
  fi
fi

# --- 2c: the docker target: private dockerd + locally built images (built in the background) ----------

docker_failed() { unavailable "docker target" "$1" "it will not run"; }

if [ "${STORAGEKIT_DOCKER:-1}" != 0 ]; then
  own_dockerd=true # set before starting: a half-started daemon must be stopped too
  t_docker=$SECONDS
  if ! docker_sock=$(bash docker/dockerd.sh start "$docker_dir"); then
    docker_failed "docker/dockerd.sh start $docker_dir failed"
  else
    # debootstrap + apt inside `docker build` are mostly waiting on I/O: overlap them with `dotnet build`.
    DOCKER_HOST=unix://$docker_sock setsid bash docker/build.sh >"$work/docker-build.log" 2>&1 &
    docker_build_pid=$!
  fi
fi

# Waits for the image build; on success names the daemon to the fixtures (they start the containers themselves).
docker_ready() {
  [ -n "$docker_build_pid" ] || return 0
  wait "$docker_build_pid"
  local rc=$?
  docker_build_pid=""
  sed 's/^/  /' "$work/docker-build.log"
  if [ "$rc" -eq 0 ]; then
    export STORAGEKIT_DOCKER_SOCKET=$docker_sock
    say "docker target enabled (daemon $docker_sock, images ready $((SECONDS - t_docker)) s after the start)"
  else
    docker_failed "docker/build.sh failed (exit $rc)"
  fi
}

# --- 3: build and test ----------------------------------------------------------------------

build_args=(-c Release)
# CI: no MSBuild/compiler servers that outlive the job (locally they speed up the next run)
if $ci; then build_args+=(--disable-build-servers); fi
say "dotnet build $sln ${build_args[*]}"
if ! run_step dotnet build "$sln" "${build_args[@]}"; then
  errors+=("dotnet build $sln failed")
  finish 1
fi

test_args=(
  --logger "trx;LogFilePrefix=storagekit" # one file per test project (a fixed LogFileName would be overwritten)
  --results-directory "$results"
  --blame-hang-timeout 10m # a dying cluster must not hang CI: kill the test host, report the test
  --blame-hang-dump-type none
)
if [ "${STORAGEKIT_COVERAGE:-1}" != 0 ]; then
  test_args+=(--collect:"XPlat Code Coverage")
fi
docker_ready
say "dotnet test $sln -c Release --no-build ${test_args[*]} $*"
run_step dotnet test "$sln" -c Release --no-build "${test_args[@]}" "$@"
test_rc=$?

# --- 3b: the conformance matrix (the main job), on every target that is up ----------------------

# NBD needs no cluster: native (libnbd <-> nbdkit) and native-server (libnbd <-> StorageKit's server) always
# run their NBD cases; native's Ceph and GlusterFS cases only when both are up (native-server is NBD only).
matrix_runs=("emulator,native-server")
if [ -n "${STORAGEKIT_CEPH_CONF:-}" ] && [ -n "${STORAGEKIT_GLUSTER_HOST:-}" ]; then
  matrix_runs=("all")
else
  matrix_runs+=("native --filter nbd.")
  if [ -n "${STORAGEKIT_DOCKER_SOCKET:-}" ]; then matrix_runs+=("docker"); fi
fi
reports=() # one folder of Markdown/HTML/JUnit reports per matrix run
for matrix_run in "${matrix_runs[@]}"; do
  read -ra matrix_args <<<"$matrix_run" # target, then maybe a filter
  # e.g. "native --filter nbd." -> conformance/native-filter-nbd
  report_dir=$results/conformance/$(echo "$matrix_run" | sed -e 's/[^A-Za-z0-9.]\{1,\}/-/g' -e 's/^-//' -e 's/[-.]*$//')
  say "conformance matrix: dotnet run --project src/Conformance -- --target $matrix_run --report $report_dir"
  run_step dotnet run --project src/Conformance -c Release --no-build -- --target "${matrix_args[@]}" --report "$report_dir"
  matrix_rc=$?
  if [ "$matrix_rc" -gt 128 ]; then
    errors+=("the conformance matrix (--target $matrix_run) was killed by signal $(kill -l $((matrix_rc - 128)) 2>/dev/null || echo $((matrix_rc - 128)))")
  elif [ "$matrix_rc" -ne 0 ]; then
    errors+=("the conformance matrix (--target $matrix_run) exited with $matrix_rc: failures or unavailable targets (see above)")
  fi
  if [ -f "$report_dir/conformance.html" ]; then reports+=("$report_dir"); fi
done

# --- 4: summary from the TRX files ----------------------------------------------------------

# Value of attribute $1 in the <Counters .../> element of TRX file $2 (one line in a TRX).
counter() {
  local v
  v=$(sed -n "/<Counters /s/.* $1=\"\([0-9]*\)\".*/\1/p" "$2" | head -n 1)
  echo "${v:-0}"
}

mapfile -t trx < <(find "$results" -name '*.trx' 2>/dev/null | sort)
if [ "${#trx[@]}" -eq 0 ]; then
  errors+=("no .trx file was produced (dotnet test exit code $test_rc)")
  finish 1
fi
for f in "${trx[@]}"; do
  n_pass=$(counter passed "$f")
  n_fail=$(($(counter failed "$f") + $(counter error "$f") + $(counter timeout "$f") + $(counter aborted "$f")))
  # The VSTest TRX logger leaves notExecuted at 0 even for ignored tests, so "skipped" is
  # everything neither passed nor failed (ignored, inconclusive, not run).
  n_skip=$(($(counter total "$f") - n_pass - n_fail))
  passed=$((passed + n_pass)) failed=$((failed + n_fail)) skipped=$((skipped + (n_skip > 0 ? n_skip : 0)))
done
say "TRX files: ${trx[*]}"

if [ "$failed" -gt 0 ]; then
  say "failed tests:"
  grep -h '<UnitTestResult ' "${trx[@]}" | grep -E 'outcome="(Failed|Error|Timeout|Aborted)"' |
    sed -e 's/.* testName="\([^"]*\)".*/  \1/' \
      -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
fi
if [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # e.g. a crashed or hung test host: the TRX may not show it as a failed test
  errors+=("dotnet test exited with code $test_rc")
fi
if [ $((passed + failed + skipped)) -eq 0 ]; then
  errors+=("no tests were run")
fi
# (coverlet also leaves a copy under .../In/; list each report once)
mapfile -t cov < <(find "$results" -name 'coverage.cobertura.xml' -not -path '*/In/*' 2>/dev/null)
if [ "${#cov[@]}" -gt 0 ]; then say "coverage: ${cov[*]}"; fi
# Under CI a summary merged over all test runs (ReportGenerator, a local tool in .config/dotnet-tools.json): the
# totals and each assembly's line coverage; the HTML report goes next to the TRX files.
if $ci && [ "${#cov[@]}" -gt 0 ]; then
  cov_list=$(IFS=';' && echo "${cov[*]}")
  if dotnet tool restore >"$work/tool-restore.log" 2>&1 &&
    dotnet reportgenerator "-reports:$cov_list" "-targetdir:$results/coverage" "-reporttypes:TextSummary;Html" \
      -verbosity:Warning >"$work/reportgenerator.log" 2>&1; then
    say "coverage (all test runs merged; HTML in $results/coverage/index.html):"
    # the totals, then one line per assembly (class lines are indented)
    grep -E '^  (Line|Branch|Method) coverage:|^[A-Za-z]' "$results/coverage/Summary.txt" | grep -v '^Summary' | sed 's/^ */  /'
  else
    say "WARNING: no coverage summary (dotnet tool restore / reportgenerator failed):"
    tail -n 5 "$work/tool-restore.log" "$work/reportgenerator.log" 2>/dev/null
  fi
fi
if [ "${#reports[@]}" -gt 0 ]; then
  say "conformance reports (conformance.md, .html, .junit.xml) in: ${reports[*]}"
  if [ -z "${STORAGEKIT_RESULTS:-}" ] && [ "${STORAGEKIT_KEEP:-0}" != 1 ]; then
    say "(removed after a passing run; keep them with STORAGEKIT_KEEP=1 or STORAGEKIT_RESULTS=DIR)"
  fi
fi

finish $((failed > 0 ? 1 : 0))
