#!/usr/bin/env bash
# README's test command: prepares a fresh machine (scripts/setup.sh installs the Debian packages the tests
# read, failing loudly if it cannot) and runs every test of Generated.sln. Ends with the line
# "N passed, N failed, N skipped" (.ci/run calls this script). Extra arguments go to dotnet test
# (for example --filter). A test whose machine prerequisite is missing fails rather than skips; set
# GENERATED_SKIP_MISSING_PREREQUISITES=1 to skip those tests instead (and to go on when the set-up fails).
set -uo pipefail
cd "$(dirname "$0")/.."

if ! bash scripts/setup.sh; then
    if [ "${GENERATED_SKIP_MISSING_PREREQUISITES:-}" = "1" ]; then
        echo "scripts/test.sh: machine set-up failed; GENERATED_SKIP_MISSING_PREREQUISITES=1, so the tests that need it are skipped."
    else
        echo "scripts/test.sh: machine set-up failed (see above); fix it, or set GENERATED_SKIP_MISSING_PREREQUISITES=1 to skip the tests that need it."
        echo "0 passed, 1 failed"
        exit 1
    fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test Generated.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly summaries: "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total: ..."
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
    | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' \
    | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
# A test host that crashed or timed out ("Test Run Aborted.") prints no summary: count each as a failure.
aborted=$(grep -c '^Test Run Aborted' "$log")
failed=$((failed + aborted))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1 # the build or a test host failed before any test could report
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
