#!/usr/bin/env bash
# CI: governance through the CLI as the OS user: a workspace, the registry and the approval queue,
# separation of duties, edited files refused, tamper evidence, and audit appends surviving kill -9.
# usage: scripts/ci_governance.sh path/to/rampart
set -euo pipefail
bin=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
me=$(id -un)
W="$dir/ws"
fail() { echo "FAIL: $*"; exit 1; }
# Runs a command that must fail; its stderr is in $dir/err.
refused() { if "$@" 2>"$dir/err" >"$dir/out"; then fail "not refused: $*"; fi; }
roles() {  # replace the CI user's roles in the access file, then apply it
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

"$bin" init --workspace "$W" >/dev/null
[ "$(stat -c %a "$W/keys/signing.key")" = 600 ] || fail "signing key is not mode 0600"

echo "-- a completed job registers a candidate; the requester cannot approve it"
"$bin" train --workspace "$W" --env frozenlake --algo q-learning --seed 0 --steps 200000 --monitor enforce --json >/dev/null
model=$("$bin" models list --workspace "$W" --json | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["name"])')
[ -n "$model" ] || fail "no candidate registered"
req=$("$bin" promote request "$model" 1 --to staging --reason "ci" --workspace "$W" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
refused "$bin" promote approve "$req" --reason "self" --workspace "$W"
grep -q "lacks promotion.approve\|separation of duties" "$dir/err" || fail "approve without the permission: $(cat "$dir/err")"
roles admin,data-scientist,mlops,auditor
refused "$bin" promote approve "$req" --reason "self" --workspace "$W"
grep -qi "separation of duties\|own request" "$dir/err" || fail "self-approval: $(cat "$dir/err")"
"$bin" promote list --workspace "$W" --json | grep -q '"status":"pending"' || fail "request not pending"

echo "-- a flipped artifact byte is refused"
art=$(find "$W/artifacts" -type f | head -1)
cp "$art" "$dir/artifact.bak"
python3 -c "import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[len(b)//2]^=1; open(p,'wb').write(b)" "$art"
refused "$bin" models verify --workspace "$W"
refused "$bin" models export "$model" 1 --out "$dir/x.safetensors" --workspace "$W"
cp "$dir/artifact.bak" "$art"
"$bin" models verify --workspace "$W" >/dev/null

echo "-- an access file edited since it was applied stops the engine"
echo "# edited" >>"$W/access.toml"
refused "$bin" train --workspace "$W" --env frozenlake --algo q-learning --steps 10
grep -q "rampart access apply" "$dir/err" || fail "edited access file: $(cat "$dir/err")"
"$bin" access apply --workspace "$W" >/dev/null

echo "-- malformed files are refused with file:line"
printf '[roles.x]\npermissions = ["job.read"]\n[[rule]]\nid = "r"\non = ["job.submit"\n' >"$dir/bad-policy.toml"
refused "$bin" policy check "$dir/bad-policy.toml"
grep -q "bad-policy.toml:[0-9]" "$dir/err" || fail "policy error without file:line: $(cat "$dir/err")"

echo "-- the audit log verifies, and names what was tampered with"
"$bin" audit verify --workspace "$W"
"$bin" audit head --workspace "$W" --out "$dir/head.json" >/dev/null
"$bin" audit verify --workspace "$W" --head "$dir/head.json" >/dev/null
"$bin" audit prove 3 --workspace "$W" | grep -q "proof verifies" || fail "inclusion proof"
python3 - "$W/rampart.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE audit_entry SET principal = 'mallory' WHERE seq = 4")
db.commit()
PY
refused "$bin" audit verify --workspace "$W"
grep -q "entry 4 " "$dir/err" || fail "edited entry not named: $(cat "$dir/err")"

echo "-- acknowledged appends survive kill -9 (synchronous FULL and NORMAL)"
for sync in full normal; do
  S="$dir/stress-$sync"
  "$bin" init --workspace "$S" >/dev/null
  W="$S" roles admin,auditor
  "$bin" audit-stress --workspace "$S" --synchronous "$sync" --threads 8 >"$dir/acked-$sync" &
  pid=$!
  sleep 3
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  python3 - "$S/rampart.sqlite" "$dir/acked-$sync" "$sync" <<'PY'
import sqlite3, sys
db, acked_path, sync = sys.argv[1:]
acked = [int(l) for l in open(acked_path) if l.strip().isdigit()]
stored = {r[0] for r in sqlite3.connect(db).execute("SELECT seq FROM audit_entry")}
missing = [s for s in acked if s not in stored]
if not acked or missing:
    sys.exit(f"{sync}: {len(acked)} acknowledged, missing {missing[:10]}")
print(f"{sync}: {len(acked)} acknowledged appends before kill -9, all stored ({len(stored)} rows)")
PY
  "$bin" audit verify --workspace "$S"
done
echo "governance: ok"
