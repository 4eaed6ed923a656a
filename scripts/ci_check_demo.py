"""Checks `rampart demo --headless --json`: the scenario's jobs were submitted, ran, and report
figures (steps advanced, the CartPole job behind the monitor had no safety violation)."""
import json
import re
import sys

lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
finals = [l for l in lines if l.get("final")]
events = [l["event"] for l in lines if "event" in l]
if len(finals) < 3:
    sys.exit(f"expected at least 3 jobs in the transcript, found {len(finals)}")
if not any("submitted" in e for e in events) or not any("running" in e for e in events):
    sys.exit("the transcript lacks submissions or status changes")
for f in finals:
    if f["steps"] <= 0:
        sys.exit(f"{f['name']}: no steps")
cart = [f for f in finals if f["name"] == "cartpole"]
if not cart or cart[0]["monitor"] != "enforce" or cart[0]["safety_violations"] != 0:
    sys.exit(f"cartpole behind the monitor: {cart}")
scenario = [l["scenario"] for l in lines if "scenario" in l]
# A scenario entry the engine refused is reported as file:line; the tour must run whole.
refused = [l for l in scenario if re.search(r"\.toml:\d+:", l)]
if refused:
    sys.exit("the tour had entries refused: " + "; ".join(refused))
if not any("ALERT critical transition-integrity" in e for e in events):
    sys.exit("the reward-poisoning drill on the FrozenLake job raised no transition-integrity alert")
if not any("promotion request" in l and "waiting for an approver" in l for l in scenario):
    sys.exit("the demo's candidate was not put up for promotion: " + "; ".join(scenario))
if not any("dataset demand as stella: ingested demand@v1" in l and "published demand@v2" in l
           for l in scenario):
    sys.exit("the demo did not ingest and publish its dataset: " + "; ".join(scenario))
if not any("data-poison drill on demand" in l for l in scenario) or not any(
        "published demand@v4" in l and "ALERT data-drift" in l for l in scenario):
    sys.exit("the demo's data-poisoning drill raised no drift alert: " + "; ".join(scenario))
print(f"demo transcript: {len(events)} events, {len(finals)} jobs: "
      + ", ".join(f"{f['name']} {f['steps']} steps" for f in finals))
