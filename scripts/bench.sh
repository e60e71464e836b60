#!/bin/sh
# Reproducible speed figures for the README: check on the bundled example (a fresh JVM per run,
# as a pull request check runs it) and over the whole shared corpus in one JVM (as an audit).
# Usage: scripts/bench.sh [RUNS]   (uses hyperfine when installed)
set -e
cd "$(dirname "$0")/.."
RUNS=${1:-10}
./mvnw -q -B -DskipTests package
./mvnw -q -B test-compile
EXAMPLE="bin/pipeguard check examples/reference-app --settings examples/reference-app/repository-settings.yml --no-sarif --fail-on never --color never"
echo "== check on the bundled example ($RUNS runs, fresh JVM each)"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 2 --runs "$RUNS" --style basic "$EXAMPLE >/dev/null"
else
  i=0; start=$(date +%s%N)
  while [ $i -lt "$RUNS" ]; do $EXAMPLE >/dev/null; i=$((i + 1)); done
  end=$(date +%s%N)
  echo "mean wall time: $(( (end - start) / RUNS / 1000000 )) ms"
fi
echo "== check over ../shared/corpus (one JVM, 3 rounds)"
java -cp target/pipeguard.jar:target/test-classes dev.pipeguard.bench.CorpusBench ../shared/corpus 3
