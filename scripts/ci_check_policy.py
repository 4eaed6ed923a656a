"""Loads a policy written by `rampart train --save` with the safetensors package and runs it,
in NumPy, on Gymnasium's own CartPole-v1: the file is real safetensors and the policy is the
trained one."""
import sys

import gymnasium as gym
import numpy as np
from safetensors.numpy import load_file

t = load_file(sys.argv[1])
expected = {"actor.0.weight": (64, 4), "actor.4.weight": (2, 64), "critic.4.bias": (1,)}
for name, shape in expected.items():
    if t[name].shape != shape:
        sys.exit(f"{name}: shape {t[name].shape}, expected {shape}")


def act(obs):
    h = np.tanh(t["actor.0.weight"] @ obs + t["actor.0.bias"])
    h = np.tanh(t["actor.2.weight"] @ h + t["actor.2.bias"])
    return int(np.argmax(t["actor.4.weight"] @ h + t["actor.4.bias"]))


env = gym.make("CartPole-v1")
returns = []
for episode in range(10):
    obs, _ = env.reset(seed=10_000 + episode)
    total, done = 0.0, False
    while not done:
        obs, reward, terminated, truncated, _ = env.step(act(obs))
        total += reward
        done = terminated or truncated
    returns.append(total)
print(f"policy in Gymnasium CartPole-v1: mean return {np.mean(returns)} over {len(returns)} episodes")
if np.mean(returns) < 475:
    sys.exit("the exported policy does not solve Gymnasium's CartPole")
