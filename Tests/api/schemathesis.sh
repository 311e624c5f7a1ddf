#!/usr/bin/env bash
# Runs schemathesis (PyPI) with every check against openapi.yaml and a live `decreg serve` over the bundled
# fixtures on a free loopback port: generated valid and invalid requests for every operation, each answer checked
# against the document (status codes, content types, headers, bodies) and invalid input required to be refused.
# Tests/api/schemathesis.toml says which statuses count as refusals, and why. The writes (POST) are fuzzed with an
# administrator's API token: whatever schemathesis gets recorded must leave an audit trail that verifies, and
# nothing but those writes may change the register.
# Builds nothing: give it the decreg binary.
#
#   Tests/api/schemathesis.sh .build/debug/decreg [REPORT-DIR]   (default .build/schemathesis)
#
# SCHEMATHESIS_EXAMPLES (100) bounds the generated cases per operation and phase; SCHEMATHESIS_SEED (1) makes a run
# repeatable (give another to explore). Needs schemathesis (pip install schemathesis) and curl.
# Exit status 0 when schemathesis finds nothing, 1 when it finds a failure, 2 when it cannot run.
set -euo pipefail

if (($# < 1)); then
  echo "usage: $0 PATH/TO/decreg [REPORT-DIR]" >&2
  exit 2
fi
decreg=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
reports=$(realpath -m "${2:-$root/.build/schemathesis}")
examples=${SCHEMATHESIS_EXAMPLES:-100}
seed=${SCHEMATHESIS_SEED:-1}
PATH=$PATH:$HOME/.local/bin
for tool in schemathesis curl; do
  command -v "$tool" >/dev/null || { echo "schemathesis.sh: $tool is missing" >&2; exit 2; }
done

work=$(mktemp -d)
server=
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
db=$work/register.sqlite
"$decreg" init --db "$db" --actor ci >/dev/null
"$decreg" import --db "$db" --actor ci "$root"/Fixtures/{flemingsberg,sodertorn,flemingsberg-2009}/*.yaml >/dev/null
"$decreg" account add fuzz --role admin --db "$db" --actor ci >/dev/null
token=$("$decreg" account token fuzz --db "$db" --actor ci)
entries() { "$decreg" audit head --db "$db" | cut -d' ' -f1; }
before=$(entries)

# Port 0: the system picks a free port; the server prints the address it bound.
"$decreg" serve --db "$db" --host 127.0.0.1 --port 0 >"$work/serve.log" 2>&1 &
server=$!
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's|^decreg: serving the register [a-z -]*at \(http://[^ ]*\)/$|\1|p' "$work/serve.log")
  [[ -n $url ]] && break
  kill -0 "$server" 2>/dev/null || { echo "schemathesis.sh: decreg serve exited:" >&2; cat "$work/serve.log" >&2; exit 2; }
  sleep 0.2
done
[[ -n $url ]] || { echo "schemathesis.sh: decreg serve did not start:" >&2; cat "$work/serve.log" >&2; exit 2; }
curl -fsS -o /dev/null --retry 20 --retry-connrefused --retry-delay 1 "$url/api/v1/audit" || {
  echo "schemathesis.sh: decreg serve does not answer at $url:" >&2
  cat "$work/serve.log" >&2
  exit 2
}
echo "schemathesis.sh: decreg serve at $url; $(schemathesis --version), $examples examples per operation, seed $seed"

# Run from the temporary folder: nothing schemathesis writes lands in the repository. One worker: with two,
# hypothesis (under schemathesis 4.32.5 on CPython 3.11) describes its strategies from two threads at once and
# fails with "AST constructor recursion depth mismatch", an error of the tool, not of the server.
mkdir -p "$reports"
status=0
(cd "$work" && schemathesis --config-file "$root/Tests/api/schemathesis.toml" run "$root/openapi.yaml" \
  --url "$url/api/v1" --checks all --mode all \
  --max-examples "$examples" --seed "$seed" --generation-database none --workers 1 --no-color \
  --request-timeout 10 --header "Authorization: Bearer $token" \
  --report junit --report-junit-path "$reports/junit.xml") || status=$?

# Only the writes schemathesis had accepted (201) changed the register, each with its audit entry.
after=$(entries)
if ! "$decreg" audit verify --db "$db" >"$work/verify.txt" 2>&1; then
  echo "schemathesis.sh: WRONG: the audit trail does not verify after the run:" >&2
  cat "$work/verify.txt" >&2
  status=1
fi
echo "schemathesis.sh: $((after - before)) writes recorded by the fuzzed POSTs; audit verify: $(head -1 "$work/verify.txt")"
if ! kill -0 "$server" 2>/dev/null; then
  echo "schemathesis.sh: WRONG: decreg serve died during the run:" >&2
  cat "$work/serve.log" >&2
  status=1
fi
if ((status)); then
  echo "schemathesis.sh: FAILED (exit $status); report in $reports/junit.xml" >&2
  exit 1
fi
echo "schemathesis.sh: every operation conforms to openapi.yaml; report in $reports/junit.xml"
