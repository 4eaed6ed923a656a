#!/usr/bin/env python3
"""Generate golden CartPole-v1 trajectories from Gymnasium.

Produces Tests/LearningTests/Fixtures/cartpole_golden.json (relative to the
repo root), which the Swift test suite replays to check Rampart's CartPole
port bit for bit against the reference implementation.

Requires: pip install gymnasium   (numpy comes with it)
Run from the repo root:  python3 scripts/gym_cartpole_golden.py

Each trajectory records the reset seed, the exact float64 internal state after
reset, the action sequence, and per step the float64 internal state, the
float32 observation (as Python floats), reward, terminated and truncated.
Six trajectories use uniformly random actions (random.Random(seed)) and end by
termination; six use a stabilising linear heuristic and end by the 500-step
TimeLimit truncation.

The script also checks, with a pure-Python re-implementation of the step
arithmetic (math.sin/math.cos on Python floats, same order of operations), that
every recorded float64 state is reproduced bit for bit, and compares np.sin /
np.cos with math.sin / math.cos on every theta encountered.
"""

import json
import math
import os
import random
import struct
import sys

import gymnasium
import numpy as np

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_PATH = os.path.join(
    REPO_ROOT, "Tests", "LearningTests", "Fixtures", "cartpole_golden.json"
)

RANDOM_SEEDS = [0, 1, 2, 3, 4, 5]
HEURISTIC_SEEDS = [10, 11, 12, 13, 14, 15]


def heuristic_action(state):
    x, x_dot, theta, theta_dot = state
    return 1 if theta + 0.5 * theta_dot + 0.01 * x + 0.1 * x_dot > 0 else 0


def run_trajectory(seed, policy):
    """policy(state_floats, rng) -> int action."""
    env = gymnasium.make("CartPole-v1")
    _obs, _info = env.reset(seed=seed)
    raw = env.unwrapped.state
    assert isinstance(raw, np.ndarray) and raw.dtype == np.float64, (
        type(raw),
        getattr(raw, "dtype", None),
    )
    initial_state = [float(v) for v in raw]
    rng = random.Random(seed)
    actions = []
    steps = []
    state = initial_state
    while True:
        action = int(policy(state, rng))
        obs, reward, terminated, truncated, _info = env.step(action)
        raw = env.unwrapped.state
        assert raw.dtype == np.float64, raw.dtype
        assert obs.dtype == np.float32, obs.dtype
        state = [float(v) for v in raw]
        actions.append(action)
        steps.append(
            {
                "state": state,
                "observation": [float(v) for v in obs],
                "reward": float(reward),
                "terminated": bool(terminated),
                "truncated": bool(truncated),
            }
        )
        if terminated or truncated:
            break
    env.close()
    return {
        "seed": seed,
        "initial_state": initial_state,
        "actions": actions,
        "steps": steps,
    }


# ---------------------------------------------------------------------------
# Pure-Python re-implementation (same constants and order of operations as
# gymnasium/envs/classic_control/cartpole.py, euler integrator).
GRAVITY = 9.8
MASSCART = 1.0
MASSPOLE = 0.1
TOTAL_MASS = MASSPOLE + MASSCART
LENGTH = 0.5
POLEMASS_LENGTH = MASSPOLE * LENGTH
FORCE_MAG = 10.0
TAU = 0.02
THETA_THRESHOLD = 12 * 2 * math.pi / 360
X_THRESHOLD = 2.4


def py_step(state, action, sin=math.sin, cos=math.cos):
    x, x_dot, theta, theta_dot = state
    force = FORCE_MAG if action == 1 else -FORCE_MAG
    costheta = cos(theta)
    sintheta = sin(theta)
    temp = (force + POLEMASS_LENGTH * (theta_dot * theta_dot) * sintheta) / TOTAL_MASS
    thetaacc = (GRAVITY * sintheta - costheta * temp) / (
        LENGTH * (4.0 / 3.0 - MASSPOLE * (costheta * costheta) / TOTAL_MASS)
    )
    xacc = temp - POLEMASS_LENGTH * thetaacc * costheta / TOTAL_MASS
    x = x + TAU * x_dot
    x_dot = x_dot + TAU * xacc
    theta = theta + TAU * theta_dot
    theta_dot = theta_dot + TAU * thetaacc
    terminated = (
        x < -X_THRESHOLD
        or x > X_THRESHOLD
        or theta < -THETA_THRESHOLD
        or theta > THETA_THRESHOLD
    )
    return [x, x_dot, theta, theta_dot], terminated


def ordered_bits(f):
    (i,) = struct.unpack("<q", struct.pack("<d", f))
    return i if i >= 0 else -(i & 0x7FFFFFFFFFFFFFFF)


def ulps(a, b):
    return abs(ordered_bits(a) - ordered_bits(b))


def verify(trajectories, label, sin, cos):
    """Replay each trajectory from its recorded state at every step (one-step
    check) and also free-running from the initial state. Returns mismatches."""
    mismatches = []
    for traj in trajectories:
        free = traj["initial_state"]
        prev = traj["initial_state"]
        for i, (action, step) in enumerate(zip(traj["actions"], traj["steps"])):
            one, term = py_step(prev, action, sin, cos)
            free, _ = py_step(free, action, sin, cos)
            if term != step["terminated"]:
                mismatches.append((traj["seed"], i, "terminated", term))
            for k, (got, want, fr) in enumerate(zip(one, step["state"], free)):
                if got != want or fr != want:
                    mismatches.append(
                        (traj["seed"], i, k, ulps(got, want), ulps(fr, want))
                    )
            # observation is float32 rounding of the state
            obs32 = [float(np.float32(v)) for v in step["state"]]
            if obs32 != step["observation"]:
                mismatches.append((traj["seed"], i, "observation"))
            prev = step["state"]
    nsteps = sum(len(t["steps"]) for t in trajectories)
    if mismatches:
        print(f"[{label}] {len(mismatches)} mismatches over {nsteps} steps; first:")
        for m in mismatches[:10]:
            print("   ", m)
    else:
        print(f"[{label}] bit-for-bit match on all {nsteps} steps")
    return mismatches


def compare_trig(trajectories):
    thetas = [t["initial_state"][2] for t in trajectories]
    thetas += [s["state"][2] for t in trajectories for s in t["steps"]]
    ds = sum(float(np.sin(np.float64(t))) != math.sin(t) for t in thetas)
    dc = sum(float(np.cos(np.float64(t))) != math.cos(t) for t in thetas)
    print(
        f"np.sin vs math.sin differ on {ds}/{len(thetas)} thetas; "
        f"np.cos vs math.cos differ on {dc}/{len(thetas)}"
    )


def main():
    trajectories = []
    for seed in RANDOM_SEEDS:
        trajectories.append(run_trajectory(seed, lambda s, rng: rng.randrange(2)))
    for seed in HEURISTIC_SEEDS:
        trajectories.append(run_trajectory(seed, lambda s, rng: heuristic_action(s)))

    for traj in trajectories[: len(RANDOM_SEEDS)]:
        last = traj["steps"][-1]
        assert last["terminated"] and not last["truncated"], traj["seed"]
    for traj in trajectories[len(RANDOM_SEEDS) :]:
        last = traj["steps"][-1]
        assert len(traj["steps"]) == 500, (traj["seed"], len(traj["steps"]))
        assert last["truncated"] and not last["terminated"], traj["seed"]

    ok_math = not verify(trajectories, "math.sin/math.cos", math.sin, math.cos)
    ok_np = not verify(
        trajectories,
        "np.sin/np.cos",
        lambda t: float(np.sin(np.float64(t))),
        lambda t: float(np.cos(np.float64(t))),
    )
    compare_trig(trajectories)

    doc = {
        "gymnasium_version": gymnasium.__version__,
        "numpy_version": np.__version__,
        "env": "CartPole-v1",
        "trajectories": trajectories,
    }
    os.makedirs(os.path.dirname(OUT_PATH), exist_ok=True)
    with open(OUT_PATH, "w") as f:
        f.write("{\n")
        f.write(f'"gymnasium_version": {json.dumps(doc["gymnasium_version"])},\n')
        f.write(f'"numpy_version": {json.dumps(doc["numpy_version"])},\n')
        f.write(f'"env": {json.dumps(doc["env"])},\n')
        f.write('"trajectories": [\n')
        for ti, traj in enumerate(trajectories):
            f.write("{")
            f.write(f'"seed": {traj["seed"]},\n')
            f.write(f'"initial_state": {json.dumps(traj["initial_state"])},\n')
            f.write(f'"actions": {json.dumps(traj["actions"], separators=(",", ":"))},\n')
            f.write('"steps": [\n')
            for si, step in enumerate(traj["steps"]):
                f.write(json.dumps(step, separators=(",", ":")))
                f.write(",\n" if si + 1 < len(traj["steps"]) else "\n")
            f.write("]}")
            f.write(",\n" if ti + 1 < len(trajectories) else "\n")
        f.write("]\n}\n")

    # Round-trip check: the file parses back to exactly the same floats.
    with open(OUT_PATH) as f:
        assert json.load(f) == doc

    print(f"wrote {os.path.relpath(OUT_PATH, REPO_ROOT)}")
    for traj in trajectories:
        last = traj["steps"][-1]
        print(
            f"  seed {traj['seed']:>3}: {len(traj['steps']):>3} steps, "
            f"terminated={last['terminated']} truncated={last['truncated']}"
        )
    if not ok_math:
        sys.exit(1)


if __name__ == "__main__":
    main()
