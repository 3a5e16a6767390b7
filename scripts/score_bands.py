#!/usr/bin/env python3
"""Precision of predicted paired links by confidence band, against gold links; the
precision of links scored >= 0.95 per input; and the expected calibration error (ECE:
10 equal-width bins, |precision - mean confidence| weighted by the bin's share).

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


# Confidence bands of the reliability tables (the last one holds 1.0).
BANDS = [(0.0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 0.99), (0.99, 1.01)]


def expected_calibration_error(scored):
    """ECE of (confidence, correct) pairs: 10 equal-width bins (1.0 in the last),
    |precision - mean confidence| weighted by the bin's share."""
    bins = [[0, 0.0, 0] for _ in range(10)]
    for score, correct in scored:
        k = min(int(score * 10), 9)
        bins[k][0] += 1
        bins[k][1] += score
        bins[k][2] += correct
    total = len(scored)
    return sum(abs(b[2] / b[0] - b[1] / b[0]) * b[0] / total for b in bins if b[0]) if total else 0.0


def main():
    counts = {b: [0, 0] for b in BANDS}
    args = sys.argv[1:]
    scored = []  # (confidence, correct) of every paired link
    high = []  # per input: (name, links >= 0.95, correct among them)
    for gold_path, pred_path in zip(args[::2], args[1::2]):
        gold = {link for link, _ in read(gold_path, False)}
        n_high = ok_high = 0
        for link, score in read(pred_path, True):
            correct = link in gold
            scored.append((score, correct))
            if score >= 0.95:
                n_high += 1
                ok_high += correct
            for b in BANDS:
                if b[0] <= score < b[1]:
                    counts[b][0] += 1
                    counts[b][1] += correct
        high.append((gold_path.rsplit("/", 1)[-1].split(".")[0], n_high, ok_high))
    print(f"{'score band':>12} {'links':>6} {'precision':>9}")
    for b in BANDS:
        n, ok = counts[b]
        p = f"{ok / n:.3f}" if n else "-"
        print(f"{b[0]:.2f}-{min(b[1], 1.0):.2f}  {n:>6} {p:>9}")
    for name, n, ok in high:
        print(f"{name}: {n} links scored >= 0.95, precision {ok / n:.4f}" if n else f"{name}: no link scored >= 0.95")
    print(f"expected calibration error (ECE, 10 bins): {expected_calibration_error(scored):.4f}")


if __name__ == "__main__":
    main()
