# Shared helpers for the project's scripts: step bookkeeping and tool checks.
# Sourced, not executed.

passed=0
failed=0
skipped=0
failures=()

# step NAME CMD...: runs CMD, records the outcome, never aborts the run.
step() {
  local name=$1
  shift
  printf '\n==> %s\n' "$name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    printf '<== %s: ok (%ss)\n' "$name" $((SECONDS - start))
  else
    local rc=$?
    if [ "$rc" -eq 77 ]; then
      skipped=$((skipped + 1))
      printf '<== %s: skipped (%ss)\n' "$name" $((SECONDS - start))
    else
      failed=$((failed + 1))
      failures+=("$name")
      printf '<== %s: FAILED (exit %s, %ss)\n' "$name" "$rc" $((SECONDS - start))
    fi
  fi
}

# summary: prints the closing line and returns non-zero when any step failed.
summary() {
  echo
  if [ "${#failures[@]}" -gt 0 ]; then
    printf 'failed steps: %s\n' "${failures[*]}"
  fi
  printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
  [ "$failed" -eq 0 ]
}

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "missing tool: $1 ($2)" >&2; return 1; }
}
