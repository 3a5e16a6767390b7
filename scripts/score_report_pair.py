#!/usr/bin/env python3
"""Strict/lax F1 of bitext's sentence links on the report pair against gold.tsv.

Usage: score_report_pair.py GOLD_TSV ZH_SEGMENTS_JSONL EN_SEGMENTS_JSONL LINKS_TSV

gold.tsv gives links as texts (block, zh, en), so predicted links (unit ids) are
turned into texts through the segment output, and both sides are compared with all
white space removed, as the alignment issue defines.
"""
import json
import sys


def squash(s):
    return "".join(s.split())


def units(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            u = json.loads(line)
            if u["kind"] != "artifact":
                out.append(squash(u["text"]))
    return out


def main():
    gold_path, zh_path, en_path, links_path = sys.argv[1:5]
    zh, en = units(zh_path), units(en_path)
    gold = []
    with open(gold_path, encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3 and cols[1].strip() and cols[2].strip():
                gold.append((squash(cols[1]), squash(cols[2])))
    pred = []
    with open(links_path, encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            z = [int(x) for x in cols[0].split(",") if x]
            e = [int(x) for x in cols[1].split(",") if x]
            if z and e:
                pred.append(("".join(zh[i] for i in z), "".join(en[j] for j in e)))
    g, p = set(gold), set(pred)
    tp = len(g & p)
    P = tp / len(p) if p else 0.0
    R = tp / len(g) if g else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    print(f"gold links {len(g)}, predicted {len(p)}, zh units {len(zh)}, en units {len(en)}")
    print(f"strict P {P:.4f} R {R:.4f} F1 {F:.4f}")
    for z, e in sorted(p - g)[:int(sys.argv[5]) if len(sys.argv) > 5 else 0]:
        print("  wrong:", z[:40], "|", e[:60])


if __name__ == "__main__":
    main()
