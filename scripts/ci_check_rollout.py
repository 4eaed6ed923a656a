"""Replays a committed Gymnasium CartPole trajectory through `rampart env rollout --json` and
checks every step's float64 state, observation and flags against Gymnasium's."""
import json
import subprocess
import sys

golden = json.load(open("Tests/LearningTests/Fixtures/cartpole_golden.json"))
checked = 0
for t in golden["trajectories"]:
    state = ",".join(repr(v) for v in t["initial_state"])
    actions = ",".join(str(a) for a in t["actions"])
    out = subprocess.run(
        [sys.argv[1], "env", "rollout", "--env", "cartpole", f"--initial-state={state}",
         "--actions", actions, "--json"], check=True, capture_output=True, text=True).stdout
    steps = [json.loads(l) for l in out.splitlines()]
    if len(steps) != len(t["steps"]):
        sys.exit(f"seed {t['seed']}: {len(steps)} steps, Gymnasium {len(t['steps'])}")
    for i, (ours, theirs) in enumerate(zip(steps, t["steps"])):
        for key in ("state", "observation", "reward", "terminated", "truncated"):
            if ours[key] != theirs[key]:
                sys.exit(f"seed {t['seed']} step {i + 1}: {key} {ours[key]} != {theirs[key]}")
    checked += len(steps)
print(f"{len(golden['trajectories'])} trajectories, {checked} steps identical to Gymnasium")
