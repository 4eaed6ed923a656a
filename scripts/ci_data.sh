#!/usr/bin/env bash
# CI: the data pipeline through the CLI as the OS user: a data scientist refused the landing zone;
# malformed files refused with file:line and nothing stored; ingest, scan, process the demo
# dataset; PII kept in a column blocks publishing; reads by classification; re-identification;
# the poisoning drill's drift alert; a flipped byte of a sealed file refused.
# usage: scripts/ci_data.sh path/to/rampart
set -euo pipefail
bin=$(realpath "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
me=$(id -un)
W="$dir/ws"
fail() { echo "FAIL: $*"; exit 1; }
refused() { if "$@" 2>"$dir/err" >"$dir/out"; then fail "not refused: $*"; fi; }
roles() {
  python3 - "$W/access.toml" "$me" "$1" <<'PY'
import re, sys
path, me, roles = sys.argv[1:]
text = open(path).read()
text = re.sub(r'(\[principals\.(?:"%s"|%s)\]\nroles = )\[[^\]]*\]' % (re.escape(me), re.escape(me)),
              lambda m: m.group(1) + "[" + ", ".join('"%s"' % r for r in roles.split(",")) + "]", text)
open(path, "w").write(text)
PY
  "$bin" access apply --workspace "$W" >/dev/null
}
csv="$repo/demo/data/demand.csv"
transform="$repo/demo/data/demand.transform.toml"

"$bin" init --workspace "$W" >/dev/null
echo "-- a data scientist may not ingest or read the landing zone"
roles admin,data-scientist
refused "$bin" data ingest "$csv" --dataset demand --classification internal --workspace "$W"
grep -q "lacks data.ingest" "$dir/err" || fail "ingest as data scientist: $(cat "$dir/err")"

roles admin,data-steward
echo "-- malformed files are refused with file:line, nothing stored"
printf 'a,b,c\n1,2,3\n4,5\n' >"$dir/ragged.csv"
refused "$bin" data ingest "$dir/ragged.csv" --dataset demand --classification internal --workspace "$W"
grep -q "ragged.csv:3: ragged row" "$dir/err" || fail "ragged: $(cat "$dir/err")"
printf 'a,b\n1,"open\n' >"$dir/open.csv"
refused "$bin" data ingest "$dir/open.csv" --dataset demand --classification internal --workspace "$W"
grep -q "open.csv:2: unterminated quoted field" "$dir/err" || fail "unterminated: $(cat "$dir/err")"
printf 'a\n\xe9\n' >"$dir/latin1.csv"
refused "$bin" data ingest "$dir/latin1.csv" --dataset demand --classification internal --workspace "$W"
grep -q "latin1.csv:2: field 1 is not valid UTF-8" "$dir/err" || fail "utf-8: $(cat "$dir/err")"
[ -z "$("$bin" data list --workspace "$W" --json)" ] || fail "a refused ingest left a dataset"
[ ! -d "$W/data/landing/demand" ] || [ -z "$(ls -A "$W/data/landing/demand")" ] || fail "a refused ingest left a file"

echo "-- ingest, scan, process"
"$bin" data ingest "$csv" --dataset demand --classification internal --workspace "$W" >/dev/null
! grep -q "example.com" "$W/data/landing/demand/v1.sealed" || fail "landing zone not encrypted"
"$bin" data scan demand --workspace "$W" --json >"$dir/scan.jsonl"
for want in '"on_call_email"' '"payment-card"' '"person-name"' '"billing_card"'; do
  grep -q "$want" "$dir/scan.jsonl" || fail "scan missed $want: $(cat "$dir/scan.jsonl")"
done
grep -q "alice.moreau" "$dir/scan.jsonl" && fail "the scan printed a value"
python3 - "$transform" "$dir/keeps-name.toml" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
edited = re.sub(r'\[columns\.on_call_name\]\naction = "pseudonymise".*\nprefix = "eng"\n',
                '[columns.on_call_name]\naction = "keep"\n', text)
assert edited != text, "transform not edited"
open(sys.argv[2], "w").write(edited)
PY
refused "$bin" data process demand --transform "$dir/keeps-name.toml" --workspace "$W"
grep -q "publish.no-pii-in-kept-columns" "$dir/err" || fail "PII in a kept column published: $(cat "$dir/err")"
printf '[columns.hour]\naction = "hash"\n' >"$dir/bad.toml"
refused "$bin" data process demand --transform "$dir/bad.toml" --workspace "$W"
grep -q "bad.toml:2:" "$dir/err" || fail "malformed transform: $(cat "$dir/err")"
"$bin" data process demand --transform "$transform" --workspace "$W" --json >"$dir/v2.json"
python3 - "$dir/v2.json" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
assert v["zone"] == "processing" and v["sourceVersion"] == 1, v
assert v["kAnonymity"] >= 5, v
assert "client_ip" not in v["columns"] and "notes" not in v["columns"], v["columns"]
PY

echo "-- reads by role; re-identification with a reason"
roles admin,data-scientist
"$bin" data read demand --limit 3 --workspace "$W" >"$dir/read.csv"
grep -q "@example.com" "$dir/read.csv" && fail "processed data holds e-mail addresses"
refused "$bin" data read demand --raw --workspace "$W"
grep -q "lacks data.raw.read" "$dir/err" || fail "raw read as data scientist: $(cat "$dir/err")"
token=$(python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print(r[0]["billing_card"])' "$dir/read.csv")
refused "$bin" data reidentify demand --column billing_card --token "$token" --reason "ci check" --workspace "$W"
roles admin,data-steward
original=$("$bin" data reidentify demand --column billing_card --token "$token" --reason "ci check" --workspace "$W")
first=$(python3 -c 'import csv,sys; print(next(csv.DictReader(open(sys.argv[1])))["billing_card"])' "$csv")
[ "$original" = "$first" ] || fail "re-identified $original, expected $first"

echo "-- the poisoning drill raises a drift alert"
roles admin,soc-analyst
"$bin" data poison demand --rate 0.3 --workspace "$W" >/dev/null
roles admin,data-steward
"$bin" data process demand --transform "$transform" --workspace "$W" >"$dir/v4.txt"
grep -q "ALERT .* high: demand@v4" "$dir/v4.txt" || fail "no drift alert: $(cat "$dir/v4.txt")"
roles admin,soc-analyst,auditor
"$bin" alerts list --detector data-drift --workspace "$W" --json | tr -d ' ' | grep -q '"detector":"data-drift"' || fail "alert not stored"
"$bin" audit list --workspace "$W" --action drill. --json | tr -d ' ' | grep -q '"drill":"data-poison"' || fail "drill not audited"

echo "-- the alert exported as CEF to a syslog socket (RFC 5424), and a missing socket refused"
python3 - "$bin" "$W" "$dir/syslog.sock" <<'PY' || fail "syslog export"
import socket, subprocess, sys
binary, workspace, path = sys.argv[1:]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
s.settimeout(10)
out = subprocess.run([binary, "alerts", "export", "--format", "cef", "--syslog", path,
                      "--workspace", workspace], capture_output=True, text=True, check=True).stdout
message = s.recv(65536).decode()
assert message.startswith("<131>1 ") and " rampart " in message, message  # local0.err: high
assert "CEF:0|" in message and "data-drift" in message and message.endswith(out.splitlines()[0]), message
PY
refused "$bin" alerts export --format cef --syslog "$dir/missing.sock" --workspace "$W"
grep -q "cannot connect to the syslog socket" "$dir/err" || fail "missing socket: $(cat "$dir/err")"

echo "-- a flipped byte in a sealed file is refused"
roles admin,data-steward
python3 - "$W/data/landing/demand/v1.sealed" <<'PY'
import sys
p = sys.argv[1]; b = bytearray(open(p, "rb").read()); b[len(b) // 2] ^= 1; open(p, "wb").write(b)
PY
refused "$bin" data read demand --raw --version 1 --workspace "$W"
grep -q "does not decrypt" "$dir/err" || fail "tampered file read: $(cat "$dir/err")"
echo "data pipeline checks passed"
