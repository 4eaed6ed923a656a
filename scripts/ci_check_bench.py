"""Checks `rampart bench ppo-cartpole --json`: every seed evaluates >= 475 with the monitor off
and on, and the enforced runs never leave the envelope."""
import json
import sys

lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
summaries = [l for l in lines if l.get("summary")]
for l in lines:
    # Trained behind the shield, the agent must also balance on its own (the veto loss at work).
    if l.get("monitor") == "enforce" and "seed" in l and l["eval_mean_return_monitor_off"] < 475:
        sys.exit(f"seed {l['seed']}: evaluates {l['eval_mean_return_monitor_off']} without the monitor")
if len(summaries) != 2:
    sys.exit("expected two summary lines")
for s in summaries:
    if s["seeds_eval_ge_475"] != s["seeds"]:
        sys.exit(f"monitor {s['monitor']}: only {s['seeds_eval_ge_475']}/{s['seeds']} seeds evaluate >= 475")
    if s["monitor"] == "enforce" and s["safety_violations"] != 0:
        sys.exit(f"monitor enforce: {s['safety_violations']} safety violations")
    print(f"monitor {s['monitor']}: {s['seeds']} seeds >= 475, median {s['median_seconds_to_target']:.3f} s to target")
