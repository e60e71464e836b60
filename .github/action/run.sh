#!/usr/bin/env bash
# The pipeguard action's script, run by action.yml as the runner would: inputs arrive as INPUT_*
# environment variables, outputs go to $GITHUB_OUTPUT, the summary to $GITHUB_STEP_SUMMARY.
#   run.sh download   fetch the released jar (and verify its SHA-256) into $RUNNER_TEMP
#   run.sh check      run pipeguard check; exit with its exit code
# PIPEGUARD_JAR, when set, names a jar to use instead of downloading one (tests, self-checks).
set -euo pipefail

temp_dir() { echo "${RUNNER_TEMP:-${TMPDIR:-/tmp}}"; }
jar_path() { echo "${PIPEGUARD_JAR:-$(temp_dir)/pipeguard.jar}"; }
input() { local name="INPUT_$1"; printenv "$name" || true; }

download() {
  if [ -n "${PIPEGUARD_JAR:-}" ]; then
    echo "pipeguard: using $PIPEGUARD_JAR"
    return
  fi
  local version repo base
  version=$(input VERSION)
  version=${version:-${ACTION_REF:-}}
  repo=${ACTION_REPOSITORY:-pipeguard/pipeguard}
  if [ -z "$version" ]; then
    echo "::error title=pipeguard::no version to download: set the 'version' input or use the action at a release tag" >&2
    exit 2
  fi
  base="${GITHUB_SERVER_URL:-https://github.com}/$repo/releases/download/$version"
  curl -fsSL --retry 3 -o "$(jar_path)" "$base/pipeguard.jar"
  curl -fsSL --retry 3 -o "$(jar_path).sha256" "$base/pipeguard.jar.sha256"
  (cd "$(dirname "$(jar_path)")" && echo "$(cut -d' ' -f1 < pipeguard.jar.sha256)  pipeguard.jar" | sha256sum -c -)
}

check() {
  local path sarif json args=() format code
  path=$(input PATH); path=${path:-.}
  sarif="$(temp_dir)/pipeguard.sarif"
  json="$(temp_dir)/pipeguard.json"
  args+=(check "$path" --sarif "$sarif" --format "json=$json" --color never)
  local settings config fail_on category
  settings=$(input SETTINGS); config=$(input CONFIG); fail_on=$(input FAIL_ON); fail_on=${fail_on:-$(input FAIL-ON)}; category=$(input CATEGORY)
  [ -n "$settings" ] && args+=(--settings "$settings")
  [ -n "$config" ] && args+=(--config "$config")
  [ -n "$fail_on" ] && args+=(--fail-on "$fail_on")
  [ -n "$category" ] && args+=(--category "$category")
  while IFS= read -r dir; do
    dir=$(echo "$dir" | xargs)
    [ -n "$dir" ] && args+=(--policies "$dir")
  done <<< "$(input POLICIES)"
  IFS=',' read -r -a formats <<< "$(input FORMAT)"
  for format in "${formats[@]}"; do
    format=$(echo "$format" | xargs)
    case "$format" in
      text|github) args+=(--format "$format") ;;
      "") ;;
      *)
        echo "::error title=pipeguard::the 'format' input takes text, github or text,github, not '$format': only those two can share the log (the SARIF and a JSON report are written to files already, the Markdown summary to the job's page)" >&2
        exit 2 ;;
    esac
  done
  set +e
  java -jar "$(jar_path)" "${args[@]}"
  code=$?
  set -e
  local findings=0
  if [ -f "$json" ]; then
    findings=$(sed -n 's/.*"summary" *: *{ *"findings" *: *\([0-9]*\).*/\1/p' "$json" | head -n1)
    if [ -z "$findings" ]; then
      findings=$(tr -d '\n ' < "$json" | sed -n 's/.*"summary":{"findings":\([0-9]*\).*/\1/p')
    fi
  fi
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "findings=${findings:-0}" >> "$GITHUB_OUTPUT"
    if [ -f "$sarif" ]; then
      echo "sarif=$sarif" >> "$GITHUB_OUTPUT"
    fi
  fi
  exit "$code"
}

case "${1:-}" in
  download) download ;;
  check) check ;;
  *) echo "usage: run.sh download|check" >&2; exit 2 ;;
esac
