"""Checks a small `rampart bench detection --json` run: no false alarm on the clean runs, every
tagged attack caught, and the statistical detectors catching reward poisoning, action tampering
and dynamics tampering with the tags off."""
import json
import sys

lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
clean = [l for l in lines if l.get("attack") == "none"]
attacks = [l for l in lines if l.get("attack") not in (None, "none")]
if not clean or not attacks:
    sys.exit("missing benchmark lines")
if clean[0]["false_alarms"] != 0:
    sys.exit(f"false alarms on clean runs: {clean[0]}")
for a in attacks:
    tagged = a["integrity_tags"]
    statistical = a["attack"].startswith("reward") or a["attack"] in ("action-tamper", "dynamics-tamper")
    if (tagged or statistical) and a["detection_rate"] < 1:
        sys.exit(f"{a['attack']} (tags {'on' if tagged else 'off'}) detected in only {a['detection_rate']:.0%}")
print("detection: " + ", ".join(
    f"{a['attack']}{'' if a['integrity_tags'] else ' (tags off)'} {a['detection_rate']:.0%}" for a in attacks))
