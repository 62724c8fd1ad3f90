#!/usr/bin/env bash
# scripts/try passes its arguments to `candour run`, and -o replaces its
# default output. Runs the real script with its set-up and the binary stubbed.
set -euo pipefail
repo="$1"
work="$2"
rm -rf "$work"
mkdir -p "$work/scripts" "$work/build/release"
cp "$repo/scripts/try" "$work/scripts/try"
printf '#!/usr/bin/env bash\nexit 0\n' > "$work/scripts/setup"
printf '#!/usr/bin/env bash\necho "$@"\n' > "$work/build/release/candour"
chmod +x "$work/build/release/candour"
check() {
  local expected="$1"
  shift
  local got
  got=$(bash "$work/scripts/try" "$@")
  if [[ "$got" != "$expected" ]]; then
    echo "scripts/try $*: ran 'candour $got', expected 'candour $expected'" >&2
    exit 1
  fi
}
check "run scenarios/baseline.toml -o out/baseline.h5 --overwrite"
check "run scenarios/baseline.toml -o out/baseline.h5 --overwrite --days 30" --days 30
check "run scenarios/baseline.toml -o out/mine.h5 --seed 4" -o out/mine.h5 --seed 4
check "run scenarios/baseline.toml --output=out/mine.h5" --output=out/mine.h5
echo "scripts/try passes -o through"
