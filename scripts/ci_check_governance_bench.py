"""Sanity floors for `rampart bench audit|policy --json` on a CI machine. The targets (40,000
durable appends/s with synchronous=FULL, 1M entries verified in < 5 s, < 20 us a decision) are
reported by the benchmarks; CI fails only when a figure is far off (half the append target, twice
the verify target), so a slower shared runner does not fail on noise while a regression does."""
import json
import sys

audit = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
policy = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
full = [l for l in audit if l.get("synchronous") == "FULL"]
normal = [l for l in audit if l.get("synchronous") == "NORMAL"]
verify = [l for l in audit if "verify_1m_s" in l]
if not (full and normal and verify and policy):
    sys.exit("missing benchmark lines")
if full[0]["append_per_s"] < 20_000:
    sys.exit(f"audit append (FULL) {full[0]['append_per_s']:.0f}/s is far below the 40,000/s target")
if verify[0]["verify_1m_s"] > 10 or verify[0]["entries"] != 1_000_000:
    sys.exit(f"verifying 1M entries took {verify[0]['verify_1m_s']:.2f} s (target < 5 s)")
if policy[0]["decision_us_median"] > 20:
    sys.exit(f"policy decision median {policy[0]['decision_us_median']:.2f} us (target < 20 us)")
print(f"audit append FULL {full[0]['append_per_s']:.0f}/s, NORMAL {normal[0]['append_per_s']:.0f}/s; "
      f"verify 1M {verify[0]['verify_1m_s']:.2f} s; policy {policy[0]['decision_us_median']:.2f} us median")
