#!/usr/bin/env bash
# Runs every test project of the solution on this machine, installing the real servers the tests drive
# (redis-server, PostgreSQL, and Chromium for the browser tests) when they are missing. Ends with "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Debian's postgresql package puts the server in /usr/lib/postgresql/<version>/bin, off PATH; the AppHost looks there.
{ command -v postgres >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; } || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || echo "warning: could not install ${missing[*]}; the tests that need them will fail" >&2
fi

# pgvector is not packaged for bookworm: build Debian's source package into the installed PostgreSQL when missing.
bash eng/install-pgvector.sh || echo "warning: could not install pgvector; the PostgreSQL library engine's tests will fail" >&2

# Every host a test builds watches its configuration files with inotify, and the AppHost tests start many hosts and
# processes: Debian's default of 128 inotify instances per user runs out ("The configured user limit (128) on the
# number of inotify instances has been reached"). Raise it where we may, and have test hosts not watch their files.
if [ "$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo 0)" -lt 1024 ]; then
  sysctl -q -w fs.inotify.max_user_instances=1024 >/dev/null 2>&1 || ${sudo_cmd:-} sysctl -q -w fs.inotify.max_user_instances=1024 >/dev/null 2>&1 || true
fi
# redis-server warns at every start while the kernel may refuse memory to its background-save fork
# (vm.overcommit_memory = 0), and Redis 7.0 has no setting to stop it; its own advice is the fix. The first-start test
# expects a clean log on a host set up so.
if [ "$(cat /proc/sys/vm/overcommit_memory 2>/dev/null || echo 1)" = "0" ]; then
  sysctl -q -w vm.overcommit_memory=1 >/dev/null 2>&1 || ${sudo_cmd:-} sysctl -q -w vm.overcommit_memory=1 >/dev/null 2>&1 || true
fi
export DOTNET_hostBuilder__reloadConfigOnChange=false

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build TacticalRag.sln -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }

# One project at a time keeps the 2-core machines' timings sane; a hung test is cut off instead of eating the CI budget.
dotnet test TacticalRag.sln --no-build -nologo \
  --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 5m -- RunConfiguration.MaxCpuCount=1
status=$?

summary=$(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); sum[kv[1]] += kv[2] } }
  END { printf "%d passed, %d failed, %d skipped\n", sum["passed"], sum["failed"] + sum["error"] + sum["timeout"] + sum["aborted"], sum["notExecuted"] }')
[ -n "$summary" ] || summary="0 passed, 1 failed"
if [ $status -ne 0 ] && [[ "$summary" == *" 0 failed"* ]]; then
  summary="${summary/ 0 failed/ 1 failed}"   # the run itself failed (crash, hang) without a failed test to show for it
fi
echo "$summary"
exit $status
