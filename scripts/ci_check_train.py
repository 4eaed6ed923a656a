"""Checks `rampart train --json` output for CI.

usage:
  ci_check_train.py FILE KEY OP VALUE [KEY OP VALUE ...]   final figures against thresholds
  ci_check_train.py --same A B                              same metrics bit for bit (timings aside)
  ci_check_train.py --fewer KEY A B                         A's KEY is smaller than B's
"""
import json
import operator
import sys

TIMING = {"job", "seconds", "steps_per_s", "cpu_seconds", "seconds_to_target", "saved"}
OPS = {">=": operator.ge, ">": operator.gt, "==": operator.eq, "<=": operator.le, "<": operator.lt}


def final(path):
    lines = [json.loads(l) for l in open(path) if l.strip()]
    finals = [l for l in lines if l.get("event") == "final"]
    if len(finals) != 1:
        sys.exit(f"{path}: expected one final line, found {len(finals)}")
    if not any(l.get("event") == "progress" for l in lines):
        sys.exit(f"{path}: no progress lines")
    return finals[0]


def main(argv):
    if argv[0] == "--same":
        a, b = final(argv[1]), final(argv[2])
        a = {k: v for k, v in a.items() if k not in TIMING}
        b = {k: v for k, v in b.items() if k not in TIMING}
        if a != b:
            diff = {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)}
            sys.exit(f"runs differ: {diff}")
        print(f"identical metrics: {len(a)} fields")
        return
    if argv[0] == "--fewer":
        key, a, b = argv[1], final(argv[2]), final(argv[3])
        if not a[key] < b[key]:
            sys.exit(f"{key}: {a[key]} is not fewer than {b[key]}")
        print(f"{key}: {a[key]} < {b[key]}")
        return
    figures = final(argv[0])
    rest = argv[1:]
    for key, op, value in zip(rest[0::3], rest[1::3], rest[2::3]):
        got = figures.get(key)
        if got is None or not OPS[op](got, float(value)):
            sys.exit(f"{argv[0]}: {key} = {got}, expected {op} {value}")
        print(f"{key} = {got} ({op} {value})")


main(sys.argv[1:])
