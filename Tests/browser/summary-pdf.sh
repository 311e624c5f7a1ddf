#!/usr/bin/env bash
# Prints the seed decision's HTML summary to PDF in a real browser (headless Chromium) and proves, with
# pdftotext, that every clause, party and amount of the decision is on the printed page, on A4, with the
# register's audit head in the footer. Builds nothing: give it the decreg binary.
#
#   Tests/browser/summary-pdf.sh .build/debug/decreg [KEEP-DIR]
#
# Needs chromium, pdftotext and pdfinfo (Debian: chromium, poppler-utils) and jq. With KEEP-DIR, the HTML,
# PDF and text are left there to look at. Exit status 0 when everything is on the page, 1 when not.
set -euo pipefail

if (($# < 1)); then
  echo "usage: $0 PATH/TO/decreg [KEEP-DIR]" >&2
  exit 2
fi
decreg=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
ref=FLEMINGSBERG-2007
for tool in chromium pdftotext pdfinfo jq; do
  command -v "$tool" >/dev/null || { echo "summary-pdf: $tool is missing" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DECREG_DB=$work/register.sqlite
"$decreg" init >/dev/null
"$decreg" import "$root/Fixtures/flemingsberg/flemingsberg-2007.yaml" --actor ci >/dev/null
"$decreg" summary "$ref" --format html --lang sv --output "$work/summary.html"

# A profile of its own, so the browser neither reads nor writes the user's.
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
  --user-data-dir="$work/profile" --no-pdf-header-footer --print-to-pdf="$work/summary.pdf" \
  "file://$work/summary.html" >"$work/chromium.log" 2>&1 || {
  echo "summary-pdf: chromium failed:" >&2
  cat "$work/chromium.log" >&2
  exit 1
}
[[ -s $work/summary.pdf ]] || { echo "summary-pdf: chromium wrote no PDF" >&2; cat "$work/chromium.log" >&2; exit 1; }
pdftotext -enc UTF-8 "$work/summary.pdf" "$work/summary.txt"
if (($# > 1)); then mkdir -p "$2" && cp "$work"/summary.{html,pdf,txt} "$2"/; fi

# The page as one line: a clause wrapped over two printed lines still reads as the clause.
page=$(tr -s '[:space:]' ' ' <"$work/summary.txt")
failures=0
expect() {
  local what=$1 text
  text=$(printf '%s' "$2" | tr -s '[:space:]' ' ')
  if [[ $page == *"$text"* ]]; then
    echo "  ok  $what: $text"
  else
    echo "  MISSING  $what: $text"
    failures=$((failures + 1))
  fi
}

# What must be on the page, read from the register rather than from the renderer.
decision=$("$decreg" decision show "$ref" --format json)
parties=$("$decreg" party list --format json)
# 2500000.00 SEK -> 2 500 000 kr, as Swedish documents write amounts.
kronor() {
  awk -v amount="$1" -v currency="$2" 'BEGIN {
    split(amount, part, "."); whole = part[1]; out = ""
    while (length(whole) > 3) {
      out = " " substr(whole, length(whole) - 2) out
      whole = substr(whole, 1, length(whole) - 3)
    }
    out = whole out
    if (part[2] != "" && part[2] + 0 != 0) out = out "," part[2]
    print out " " (currency == "SEK" ? "kr" : currency) }'
}

echo "summary-pdf: $ref printed by $(chromium --version 2>/dev/null | head -1)"
expect "title" "$(jq -r .title <<<"$decision")"
while IFS= read -r clause; do expect "clause" "$clause"; done < <(jq -r '.clauses[]' <<<"$decision")
while IFS= read -r code; do
  expect "party" "$(jq -r --arg code "$code" '.[] | select(.code == $code) | "\(.name) (\(.code))"' <<<"$parties")"
done < <(jq -r '.parties[]' <<<"$decision")
while IFS=$'\t' read -r year amount currency; do
  expect "total $year" "$year: totalt $(kronor "$amount" "$currency")"
done < <(jq -r '.funding[] | [.year, .total, .currency] | @tsv' <<<"$decision")
# Each share in its party's row of the funding table, not merely somewhere on the page.
while IFS=$'\t' read -r code amount currency; do
  name=$(jq -r --arg code "$code" '.[] | select(.code == $code) | .name' <<<"$parties")
  expect "share" "$name ($code) $(kronor "$amount" "$currency")"
done < <(jq -r '.funding[] | .currency as $currency | .shares[] | [.party, .amount, $currency] | @tsv' <<<"$decision")
while IFS= read -r name; do expect "signatory" "$name"; done < <(jq -r '.signatories[].name' <<<"$decision")
while IFS= read -r label; do expect "attachment" "$label"; done < <(jq -r '.attachments[].label' <<<"$decision")
head=$("$decreg" audit head)
expect "audit head" "$head"

size=$(pdfinfo "$work/summary.pdf" | awk -F': *' '/^Page size/ {print $2}')
pages=$(pdfinfo "$work/summary.pdf" | awk -F': *' '/^Pages/ {print $2}')
if [[ $size == *"(A4)"* ]]; then echo "  ok  paper: $size, $pages pages"; else
  echo "  WRONG  paper: $size (not A4)"
  failures=$((failures + 1))
fi

if ((failures)); then
  echo "summary-pdf: FAILED: $failures thing(s) missing from the printed summary" >&2
  exit 1
fi
echo "summary-pdf: every clause, party and amount is on the printed page"
