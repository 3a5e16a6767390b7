#!/usr/bin/env python3
"""Precision of predicted paired links by confidence band, against gold links.

Usage: score_bands.py GOLD PRED [GOLD PRED ...]   (links TSV: zh, en, score)
"""
import sys


def read(path, with_score):
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        z = frozenset(int(x) for x in cols[0].split(",") if x.strip())
        e = frozenset(int(x) for x in cols[1].split(",") if x.strip())
        if z and e:
            rows.append(((z, e), float(cols[2]) if with_score else 1.0))
    return rows


bands = [(0.0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 0.99), (0.99, 1.01)]
counts = {b: [0, 0] for b in bands}
args = sys.argv[1:]
for gold_path, pred_path in zip(args[::2], args[1::2]):
    gold = {link for link, _ in read(gold_path, False)}
    for link, score in read(pred_path, True):
        for b in bands:
            if b[0] <= score < b[1]:
                counts[b][0] += 1
                counts[b][1] += link in gold
print(f"{'score band':>12} {'links':>6} {'precision':>9}")
for b in bands:
    n, ok = counts[b]
    p = f"{ok / n:.3f}" if n else "-"
    print(f"{b[0]:.2f}-{min(b[1], 1.0):.2f}  {n:>6} {p:>9}")
