#!/usr/bin/env python3
"""Export Gymnasium's FrozenLake-v1 transition tables (slippery 4x4 and 8x8).

Produces Tests/LearningTests/Fixtures/frozenlake_tables.json (relative to the
repo root): for each map the description rows, the TimeLimit
max_episode_steps, and every entry of env.unwrapped.P, i.e. for every state
and action (0=left, 1=down, 2=right, 3=up) the outcome list
(probability, next_state, reward, terminated) in Gymnasium's own order, with
duplicates left unmerged.

Requires: pip install gymnasium
Run from the repo root:  python3 scripts/gym_frozenlake_table.py
"""

import json
import os

import gymnasium

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_PATH = os.path.join(
    REPO_ROOT, "Tests", "LearningTests", "Fixtures", "frozenlake_tables.json"
)


def export_map(map_name):
    env = gymnasium.make("FrozenLake-v1", map_name=map_name, is_slippery=True)
    u = env.unwrapped
    desc = [b"".join(row).decode("ascii") for row in u.desc]
    n_states = u.observation_space.n
    n_actions = u.action_space.n
    assert sorted(u.P.keys()) == list(range(n_states))
    transitions = []
    for s in range(n_states):
        assert sorted(u.P[s].keys()) == list(range(n_actions))
        for a in range(n_actions):
            outcomes = [
                {
                    "probability": float(p),
                    "next_state": int(n),
                    "reward": float(r),
                    "terminated": bool(t),
                }
                for (p, n, r, t) in u.P[s][a]
            ]
            total = sum(o["probability"] for o in outcomes)
            assert abs(total - 1.0) < 1e-12, (map_name, s, a, total)
            transitions.append({"state": s, "action": a, "outcomes": outcomes})
    result = {
        "desc": desc,
        "max_episode_steps": env.spec.max_episode_steps,
        "transitions": transitions,
    }
    env.close()
    return result


def main():
    maps = {name: export_map(name) for name in ("4x4", "8x8")}
    doc = {"gymnasium_version": gymnasium.__version__, "maps": maps}
    os.makedirs(os.path.dirname(OUT_PATH), exist_ok=True)
    compact = (",", ":")
    with open(OUT_PATH, "w") as f:
        f.write("{\n")
        f.write(f'"gymnasium_version": {json.dumps(doc["gymnasium_version"])},\n')
        f.write('"maps": {\n')
        for mi, (name, m) in enumerate(maps.items()):
            f.write(f"{json.dumps(name)}: {{\n")
            f.write(f'"desc": {json.dumps(m["desc"])},\n')
            f.write(f'"max_episode_steps": {m["max_episode_steps"]},\n')
            f.write('"transitions": [\n')
            for ti, t in enumerate(m["transitions"]):
                f.write(json.dumps(t, separators=compact))
                f.write(",\n" if ti + 1 < len(m["transitions"]) else "\n")
            f.write("]}")
            f.write(",\n" if mi + 1 < len(maps) else "\n")
        f.write("}\n}\n")
    with open(OUT_PATH) as f:
        assert json.load(f) == doc
    print(f"wrote {os.path.relpath(OUT_PATH, REPO_ROOT)}")
    for name, m in maps.items():
        probs = sorted({o["probability"] for t in m["transitions"] for o in t["outcomes"]})
        print(
            f"  {name}: {len(m['desc'])}x{len(m['desc'][0])}, "
            f"{len(m['transitions'])} (state, action) entries, "
            f"max_episode_steps={m['max_episode_steps']}, probabilities={probs!r}"
        )


if __name__ == "__main__":
    main()
