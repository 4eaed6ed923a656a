"""How the CartPole fallback controller and recoverable region in Sources/Assurance were chosen.

Searches linear switching rules `push right when k·s > 0` on the exact CartPole-v1 dynamics
(float64, vectorised with NumPy), then grows a box R, one dimension at a time by bisection, while
the fallback keeps every state of a grid over R inside the envelope |x| < 2.0, |θ| < 0.15 for
thousands of steps. Prints the candidates and the region found; Rampart ships a slightly smaller
box (0.85, 0.9, 0.11, 0.22) for margin, which `CartPoleSafetyTests` re-checks on a 9^4 grid.
Runs in a few minutes: `python3 scripts/cartpole_fallback_search.py`.
"""
import itertools

import numpy as np

G, MC, MP, L, F, TAU = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
TM, PML = MP + MC, MP * L
ENVELOPE = (2.0, 0.15)


def step(s, a):
    x, xd, t, td = s
    f = np.where(a == 1, F, -F)
    c, sn = np.cos(t), np.sin(t)
    temp = (f + PML * (td * td) * sn) / TM
    ta = (G * sn - c * temp) / (L * (4.0 / 3.0 - MP * (c * c) / TM))
    xa = temp - PML * ta * c / TM
    return np.array([x + TAU * xd, xd + TAU * xa, t + TAU * td, td + TAU * ta])


def control(s, k):
    return (k[0] * s[0] + k[1] * s[1] + k[2] * s[2] + k[3] * s[3] > 0).astype(int)


def grid(box, n):
    axes = [np.linspace(-b, b, n) for b in box]
    return np.array(np.meshgrid(*axes, indexing="ij")).reshape(4, -1)


def survives(k, box, n=7, steps=2000):
    """Fraction of grid states over `box` from which the fallback stays in the envelope."""
    s = grid(box, n)
    ok = np.ones(s.shape[1], bool)
    for _ in range(steps):
        s = step(s, control(s, k))
        ok &= (np.abs(s[0]) < ENVELOPE[0]) & (np.abs(s[2]) < ENVELOPE[1])
    return ok.mean()


def grow(k, box):
    box = list(box)
    for _ in range(2):
        for d in range(4):
            lo, hi = box[d], box[d] * 5
            for _ in range(6):
                mid = (lo + hi) / 2
                trial = list(box)
                trial[d] = mid
                if survives(k, trial) == 1.0:
                    lo = mid
                else:
                    hi = mid
            box[d] = lo * 0.95
    return box


if __name__ == "__main__":
    ranked = []
    for k in itertools.product([0.02, 0.05, 0.1, 0.2], [0.1, 0.2, 0.4, 0.6], [1.0], [0.2, 0.3, 0.5]):
        ranked.append((survives(k, [1.0, 1.0, 0.1, 0.8], n=7), k))
    ranked.sort(reverse=True)
    for score, k in ranked[:5]:
        print(f"gains {k}: {score:.3f} of a 7^4 grid over (1, 1, 0.1, 0.8) survives")
    k = (0.02, 0.1, 1.0, 0.2)
    box = grow(k, [0.2, 0.2, 0.03, 0.2])
    print(f"gains {k}: region {[round(b, 3) for b in box]}, 11^4 grid x 5000 steps:",
          survives(k, box, n=11, steps=5000) == 1.0)
