#!/usr/bin/env bash
# The log checked by an independent verifier: Go's golang.org/x/mod/sumdb/note and tlog (Debian's
# golang-golang-x-mod-dev, built in GOPATH mode) check what `decreg log` writes on the bundled fixtures — a signed
# checkpoint cosigned by two parties' witnesses, an inclusion proof of a decision, a consistency proof between two
# checkpoints, the tiles `decreg serve` serves (through Go's tlog.TileHashReader) — and refuse an altered proof.
# Go's note package also signs with a decreg private key.
#
# usage: Tests/interop/tlog-go.sh PATH/TO/decreg
set -euo pipefail
decreg=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/tlog-go.XXXXXX)
server=
trap '[[ -n $server ]] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
export DECREG_DB=$work/register.sqlite GOCACHE=$work/gocache
say() { echo "tlog-go: $*"; }

GO111MODULE=off GOPATH=/usr/share/gocode go build -o "$work/tlog-verify" "$root/Tests/interop/tlog-verify/main.go"
say "built the Go verifier ($(go version | cut -d' ' -f3), golang.org/x/mod/sumdb from /usr/share/gocode)"

"$decreg" init >/dev/null
for file in flemingsberg/flemingsberg-2007.yaml sodertorn/sodertorn-trafik-2024.yaml \
  flemingsberg-2009/flemingsberg-genomforande-2009.yaml; do
  "$decreg" import "$root/Fixtures/$file" --actor ci >/dev/null
done
# 400 generated decisions (with their payments, 40 parties and bodies) make a tree of over a thousand entries: full
# level-0 tiles and partial tiles at levels 0 and 1 are served and read.
python3 "$root/bench/generate.py" 400 "$work/generated.json" --attachment-bytes 64
"$decreg" import "$work/generated.json" --actor ci >/dev/null
log=$("$decreg" log key generate --name register.example.se/flemingsberg --output "$work/log.key")
hud=$("$decreg" log key generate --name huddinge.se/witness --output "$work/hud.key" --witness)
bot=$("$decreg" log key generate --name botkyrka.se/witness --output "$work/bot.key" --witness)
"$work/tlog-verify" sign "$work/log.key" "$log"

"$decreg" log checkpoint --key "$work/log.key" --publish >"$work/first"
# Huddinge's witness reads the register's file; Botkyrka's asks the server, as a witness elsewhere would.
"$decreg" serve --host 127.0.0.1 --port 0 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  url=$(sed -n 's|^decreg: serving the register [a-z -]*at \(http://[^ ]*\)/$|\1|p' "$work/serve.log")
  [[ -n $url ]] && break
  sleep 0.2
done
[[ -n $url ]] || { say "FAILED: decreg serve did not start: $(cat "$work/serve.log")"; exit 1; }
"$decreg" log cosign "$work/first" --key "$work/hud.key" --log-key "$log" --state "$work/state-hud" \
  --db "$DECREG_DB" >"$work/first-hud"
"$decreg" log add-cosignature "$work/first-hud" >/dev/null
"$decreg" log cosign "$work/first" --key "$work/bot.key" --log-key "$log" --state "$work/state-bot" \
  --url "$url" >"$work/first-bot"
"$decreg" log add-cosignature "$work/first-bot" >/dev/null
"$decreg" log prove FLEMINGSBERG-2007 --output "$work/proof.tlog-proof"
"$work/tlog-verify" proof "$work/proof.tlog-proof" "$log" "$hud" "$bot"

"$decreg" decision correct FLEMINGSBERG-2007 --title "Utvecklingsprogram för Flemingsberg" --reason "rubriken" \
  --actor ci >/dev/null
"$decreg" log checkpoint --key "$work/log.key" --publish >"$work/second"
old=$(sed -n 2p "$work/first")
# The first decision's entry, now in the middle of a larger tree, proved in the newer checkpoint.
"$decreg" log prove FLEMINGSBERG-2007 --output "$work/proof-2.tlog-proof"
"$work/tlog-verify" proof "$work/proof-2.tlog-proof" "$log"
"$decreg" log consistency "$old" >"$work/consistency"
"$work/tlog-verify" consistency "$work/first" "$work/second" "$work/consistency" "$log"
# Botkyrka's witness cosigns the second checkpoint with the consistency proof the server gives.
"$decreg" log cosign "$work/second" --key "$work/bot.key" --log-key "$log" --state "$work/state-bot" \
  --url "$url" >/dev/null
say "ok: a witness cosigned two checkpoints with consistency proofs from the server at $url"
# The tiles the server serves, read by Go's tlog.TileHashReader against the published checkpoint.
"$work/tlog-verify" tiles "$url" "$log"

# An altered proof (the entry's index moved by one) and a consistency proof with a hash changed are refused.
sed 's/^index \([0-9]*\)$/index 1\1/' "$work/proof.tlog-proof" >"$work/altered.tlog-proof"
if "$work/tlog-verify" proof "$work/altered.tlog-proof" "$log" 2>/dev/null; then
  say "FAILED: Go accepted an altered proof"; exit 1
fi
say "ok: Go refuses the proof with its index altered"
{ echo AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=; tail -n +2 "$work/consistency"; } >"$work/bad-consistency"
if "$work/tlog-verify" consistency "$work/first" "$work/second" "$work/bad-consistency" "$log" 2>/dev/null; then
  say "FAILED: Go accepted an altered consistency proof"; exit 1
fi
say "ok: Go refuses the consistency proof with a hash altered"
say "Go's note and tlog verify decreg's checkpoints, cosignatures, inclusion and consistency proofs"
