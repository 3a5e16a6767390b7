#!/usr/bin/env python3
"""Strict P/R/F1 of an alignment in bitext's JSONL against the report pair's gold.tsv.

Usage: score_records.py GOLD_TSV ALIGNMENT_JSONL [--show]

Texts are compared with all white space removed; a record's paragraph number is in its
`block`, not its text, so the number is taken off the gold's text too. Footnote records
are left out (the gold has no footnotes; the fixtures add some).
"""
import json
import sys


def squash(text, block):
    s = "".join(text.split())
    label = f"{block}."
    return s[len(label):] if block and block.isdigit() and s.startswith(label) else s


def main():
    gold_path, records_path = sys.argv[1:3]
    gold = set()
    with open(gold_path, encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 3 and c[1].strip() and c[2].strip():
                gold.add((squash(c[1], c[0]), squash(c[2], c[0])))
    pred = set()
    with open(records_path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            block = r.get("block") or ""
            if r["zh"] and r["en"] and block != "footnote":
                pred.add((squash(r["zh"], block), squash(r["en"], block)))
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"strict P {p:.4f} R {r:.4f} F1 {f:.4f} (predicted {len(pred)}, gold {len(gold)})")
    if "--show" in sys.argv:
        for z, e in sorted(pred - gold):
            print("  wrong:", z[:50], "|", e[:70])


if __name__ == "__main__":
    main()
