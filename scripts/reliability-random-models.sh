#!/usr/bin/env bash
# The full random-model campaign (#13 item 2) as resumable shards: models FIRST..LAST-1 of the seeded stream, SHARD
# models per `dotnet test` process, one log per shard. A shard whose log ends in a pass is not run again, so the
# command can be stopped and rerun; a failed shard is rerun. Usage:
#   scripts/reliability-random-models.sh [FIRST=0] [LAST=10000] [SHARD=1000]
# Logs: $RELIABILITY_LOG_DIR (default /tmp/random-models). Needs /usr/bin/python3 with torch (scripts/setup.sh).
set -euo pipefail
first=${1:-0}
last=${2:-10000}
shard=${3:-1000}
logs=${RELIABILITY_LOG_DIR:-/tmp/random-models}
root=$(cd "$(dirname "$0")/.." && pwd)
project="$root/Tests/Generated.Generator.Tests"
mkdir -p "$logs"
nice dotnet build "$project" -c Release -v q -nologo >"$logs/build.log" 2>&1 || { cat "$logs/build.log"; exit 1; }
failed=0
for ((start = first; start < last; start += shard)); do
  count=$((last - start < shard ? last - start : shard))
  log="$logs/models-$start-$((start + count - 1)).log"
  if [[ -f "$log" ]] && grep -q '^Passed!' "$log"; then
    echo "models $start..$((start + count - 1)): passed before ($log)"
    continue
  fi
  began=$(date +%s)
  if RELIABILITY_FIRST=$start RELIABILITY_MODELS=$count nice dotnet test "$project" -c Release --no-build \
      --filter "FullyQualifiedName~RandomModelAgreement" --logger "console;verbosity=detailed" >"$log" 2>&1; then
    verdict=passed
  else
    verdict=FAILED
    failed=$((failed + 1))
  fi
  echo "models $start..$((start + count - 1)): $verdict in $(( $(date +%s) - began )) s; $(grep -m1 -o 'models [0-9]*\.\.[0-9]* (.*disagreements' "$log" || true)"
done
echo "$failed shard(s) failed; logs in $logs"
[[ $failed -eq 0 ]]
