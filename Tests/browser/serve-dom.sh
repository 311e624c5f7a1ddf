#!/usr/bin/env bash
# Runs `decreg serve` over the bundled fixtures on a free loopback port and loads the list, a search and the
# Flemingsberg page in a real browser (headless Chromium). Reads each page's DOM (--dump-dom) and checks that
# the decisions, the clauses, the parties and the amounts are there; saves a screenshot of the decision page.
# Builds nothing: give it the decreg binary.
#
#   Tests/browser/serve-dom.sh .build/debug/decreg [SCREENSHOT-DIR]   (default .build/browser)
#
# Needs chromium and jq. Exit status 0 when everything is on the pages, 1 when not.
set -euo pipefail

if (($# < 1)); then
  echo "usage: $0 PATH/TO/decreg [SCREENSHOT-DIR]" >&2
  exit 2
fi
decreg=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
shots=${2:-$root/.build/browser}
ref=FLEMINGSBERG-2007
for tool in chromium jq python3; do
  command -v "$tool" >/dev/null || { echo "serve-dom: $tool is missing" >&2; exit 2; }
done

work=$(mktemp -d)
server=
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export DECREG_DB=$work/register.sqlite
"$decreg" init >/dev/null
"$decreg" import "$root"/Fixtures/{flemingsberg,sodertorn,flemingsberg-2009}/*.yaml --actor ci >/dev/null
before=$(sha256sum "$DECREG_DB" | cut -d' ' -f1)

# Port 0: the system picks a free port; the server prints the address it bound.
"$decreg" serve --host 127.0.0.1 --port 0 >"$work/serve.log" 2>&1 &
server=$!
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's|^decreg: serving the register [a-z -]*at \(http://[^ ]*\)/$|\1|p' "$work/serve.log")
  [[ -n $url ]] && break
  kill -0 "$server" 2>/dev/null || { echo "serve-dom: decreg serve exited:" >&2; cat "$work/serve.log" >&2; exit 1; }
  sleep 0.2
done
[[ -n $url ]] || { echo "serve-dom: decreg serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
echo "serve-dom: decreg serve at $url, pages loaded by $(chromium --version 2>/dev/null | head -1)"

browse() { # browse NAME PATH [EXTRA-FLAGS...]: the page's DOM as text (tags dropped, entities read, spaces folded)
  local name=$1 path=$2
  shift 2
  timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
    --user-data-dir="$work/profile" "$@" --dump-dom "$url$path" >"$work/$name.html" 2>>"$work/chromium.log" || {
    echo "serve-dom: chromium failed on $path:" >&2
    cat "$work/chromium.log" >&2
    exit 1
  }
  python3 -c 'import html, re, sys
text = html.unescape(re.sub(r"<[^>]+>", " ", sys.stdin.read()))
print(" ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split()))' <"$work/$name.html" >"$work/$name.txt"
}

failures=0
expect() { # expect PAGE WHAT TEXT [absent]
  local page=$1 what=$2 text
  text=$(printf '%s' "$3" | tr -s '[:space:]' ' ')
  if [[ $(<"$work/$page.txt") == *"$text"* ]]; then found=1; else found=0; fi
  if [[ ${4:-} == absent ]]; then found=$((1 - found)); what="$what (absent)"; fi
  if ((found)); then echo "  ok  $page: $what: $text"; else
    echo "  WRONG  $page: $what: $text"
    failures=$((failures + 1))
  fi
}

# What must be on the pages, read from the register rather than from the server.
decision=$("$decreg" decision show "$ref" --format json)
parties=$("$decreg" party list --format json)
kronor() { # 2500000.00 SEK -> 2 500 000 kr
  awk -v amount="$1" -v currency="$2" 'BEGIN {
    split(amount, part, "."); whole = part[1]; out = ""
    while (length(whole) > 3) { out = " " substr(whole, length(whole) - 2) out; whole = substr(whole, 1, length(whole) - 3) }
    out = whole out
    if (part[2] != "" && part[2] + 0 != 0) out = out "," part[2]
    print out " " (currency == "SEK" ? "kr" : currency) }'
}

browse list /
while IFS= read -r line; do expect list "decision" "$line"; done < <("$decreg" decision list --format json | jq -r '.[].ref')

browse search "/?q=utvecklingsprogram+flemingsberg"
expect search "found" "$ref"
expect search "not found" "SODERTORN-TRAFIK-2024" absent

# Chromium asks for English (Accept-Language: en-US); the amounts below are written the Swedish way.
browse decision "/decisions/$ref?lang=sv"
expect decision "title" "$(jq -r .title <<<"$decision")"
while IFS= read -r clause; do expect decision "clause" "$clause"; done < <(jq -r '.clauses[]' <<<"$decision")
while IFS= read -r code; do
  expect decision "party" "$(jq -r --arg code "$code" '.[] | select(.code == $code) | "\(.name) (\(.code))"' <<<"$parties")"
done < <(jq -r '.parties[]' <<<"$decision")
while IFS=$'\t' read -r code amount currency; do
  name=$(jq -r --arg code "$code" '.[] | select(.code == $code) | .name' <<<"$parties")
  expect decision "share" "$name ($code) $(kronor "$amount" "$currency")"
done < <(jq -r '.funding[] | .currency as $currency | .shares[] | [.party, .amount, $currency] | @tsv' <<<"$decision")
while IFS= read -r sha; do expect decision "attachment sha256" "$sha"; done < <(jq -r '.attachments[].sha256' <<<"$decision")

# --dump-dom and --screenshot are separate runs: take the picture of the page just checked.
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
  --user-data-dir="$work/profile" --window-size=1280,2400 --screenshot="$work/decision.png" \
  "$url/decisions/$ref?lang=sv" >>"$work/chromium.log" 2>&1 || true
if [[ -s $work/decision.png ]]; then
  mkdir -p "$shots" && cp "$work/decision.png" "$shots/serve-$ref.png"
  echo "  ok  screenshot: $shots/serve-$ref.png"
else
  echo "  WRONG  screenshot: chromium wrote none"
  failures=$((failures + 1))
fi

after=$(sha256sum "$DECREG_DB" | cut -d' ' -f1)
if [[ $before == "$after" ]]; then echo "  ok  register unchanged by serving"; else
  echo "  WRONG  the register file changed while served"
  failures=$((failures + 1))
fi

if ((failures)); then
  echo "serve-dom: FAILED: $failures check(s)" >&2
  exit 1
fi
echo "serve-dom: the list, the search and the decision page show every decision, clause, party and amount"
