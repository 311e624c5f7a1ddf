#!/usr/bin/env bash
# The OParl 1.1 endpoint checked by an independent crawler: Tests/interop/oparl-crawl.py (Python's standard library
# only, its schema table written from the OParl 1.1 specification) starts at the System object of `decreg serve
# --public-url` over the bundled fixtures and follows every URL it finds, checking every object, list page and link;
# then the change mechanism: after a party, a body, a step, an attachment, a decision and a payment change, every
# list asked with modified_since names exactly the objects changed (withdrawn ones as deleted objects); then the whole
# endpoint is crawled again, the withdrawn objects answering as deleted ones.
#
# usage: Tests/interop/oparl.sh PATH/TO/decreg
set -euo pipefail
decreg=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
crawl=$root/Tests/interop/oparl-crawl.py
work=$(mktemp -d /tmp/oparl.XXXXXX)
server=
trap '[[ -n $server ]] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
export DECREG_DB=$work/register.sqlite
say() { echo "oparl: $*"; }
failed=0

"$decreg" init >/dev/null
for file in flemingsberg/flemingsberg-2007.yaml sodertorn/sodertorn-trafik-2024.yaml \
  flemingsberg-2009/flemingsberg-genomforande-2009.yaml; do
  "$decreg" import "$root/Fixtures/$file" --actor ci >/dev/null
done

# The public URL names the port, so the port is chosen first: one the system has just handed out and let go.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
url=http://127.0.0.1:$port
"$decreg" serve --host 127.0.0.1 --port "$port" --public-url "$url" >"$work/serve.log" 2>&1 &
server=$!
system=$url/oparl/v1/system
B=$url/oparl/v1
for _ in $(seq 100); do
  [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "$system" || true) == 200 ]] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.2
done
[[ $(curl -s -o /dev/null -m 10 -w '%{http_code}' "$system" || true) == 200 ]] ||
  { say "FAILED: decreg serve does not answer at $system: $(cat "$work/serve.log")"; exit 1; }
say "serving at $url"

run() { # the crawler, bounded in time; a failure is remembered and the checks go on
  if timeout 25 python3 "$crawl" "$@"; then return 0; fi
  failed=1
  say "FAILED: oparl-crawl.py $*"
}

say "crawl 1: the fixtures"
run "$system" --state "$work/state.json"

# The change mechanism. T is a second after the newest audit entry's, so nothing before it is listed.
after_newest() { # waits until the wall clock is in a later second than the newest audit entry's; prints that second
  local newest
  newest=$("$decreg" audit log --format json |
    python3 -c 'import json, sys; print(max(json.load(sys.stdin), key=lambda e: e["seq"])["at"])')
  python3 - "$newest" <<'PY'
import datetime, sys, time
at = datetime.datetime.strptime(sys.argv[1][:19], '%Y-%m-%dT%H:%M:%S').replace(tzinfo=datetime.timezone.utc)
deadline = time.monotonic() + 10
while datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) <= at and time.monotonic() < deadline:
    time.sleep(0.05)
PY
  date -u +%Y-%m-%dT%H:%M:%S+00:00
}
T=$(after_newest)
say "changes at and after $T"

count() { python3 -c 'import json, sys; print(len(json.load(sys.stdin)))'; }
steps07=$("$decreg" step list FLEMINGSBERG-2007 --format json | count)
bilaga2=$("$decreg" attach list FLEMINGSBERG-2007 --format json |
  python3 -c 'import json, sys; print([a["label"] for a in json.load(sys.stdin)].index("Bilaga 2") + 1)')
steps24=$("$decreg" step list SODERTORN-TRAFIK-2024 --format json | count)
files24=$("$decreg" attach list SODERTORN-TRAFIK-2024 --format json | count)
persons24=$("$decreg" decision show SODERTORN-TRAFIK-2024 --format json |
  python3 -c 'import json, sys; print(len(json.load(sys.stdin)["signatories"]))')

"$decreg" party correct HUDDINGE --name "Huddinge kommun" --reason "det fullständiga namnet" --actor ci >/dev/null
"$decreg" body correct HUD-KS --name "Kommunstyrelsen i Huddinge kommun" --reason "det fullständiga namnet" \
  --actor ci >/dev/null
"$decreg" step add FLEMINGSBERG-2007 --body HUD-KF --date 2007-09-17 --outcome adopted --actor ci >/dev/null
"$decreg" attach withdraw FLEMINGSBERG-2007 "Bilaga 2" --reason "fel bilaga" --actor ci >/dev/null
"$decreg" decision withdraw SODERTORN-TRAFIK-2024 --reason "registrerat två gånger" --actor ci >/dev/null
"$decreg" payment add FLEMINGSBERG-2009 --party HUDDINGE --year 2009 --date 2009-12-01 --amount 1000 \
  --actor ci >/dev/null

{
  echo "$B/bodies/HUDDINGE"
  echo "$B/organizations/HUD-KS"
  echo "$B/papers/FLEMINGSBERG-2007"
  echo "$B/papers/FLEMINGSBERG-2007/consultations/$((steps07 + 1))"
  echo "$B/papers/FLEMINGSBERG-2007/files/$bilaga2"
  echo "$B/papers/FLEMINGSBERG-2009"
} >"$work/expected"
{
  echo "$B/papers/FLEMINGSBERG-2007/files/$bilaga2"
  echo "$B/papers/SODERTORN-TRAFIK-2024"
  for n in $(seq "$steps24"); do echo "$B/papers/SODERTORN-TRAFIK-2024/consultations/$n"; done
  for n in $(seq "$files24"); do echo "$B/papers/SODERTORN-TRAFIK-2024/files/$n"; done
  for n in $(seq "$persons24"); do echo "$B/papers/SODERTORN-TRAFIK-2024/persons/$n"; done
} >"$work/deleted"
sort -u "$work/expected" "$work/deleted" -o "$work/expected"
say "modified_since=$T: expecting $(wc -l <"$work/expected") objects changed, $(wc -l <"$work/deleted") of them deleted"
run --modified-since "$system" "$T" --expect-file "$work/expected"

# A second after the last change nothing has changed: every list asked with modified_since is empty.
T2=$(after_newest)
: >"$work/none"
say "modified_since=$T2: expecting no object"
run --modified-since "$system" "$T2" --expect-file "$work/none"

say "crawl 2: after the changes, the withdrawn objects deleted"
run "$system" --expect-deleted "$work/deleted" --state "$work/state.json"

if ((failed)); then say "FAILED: the OParl endpoint has problems (above)"; exit 1; fi
say "an independent crawler finds the OParl 1.1 endpoint conforming, its change lists exact"
