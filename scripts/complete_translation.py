#!/usr/bin/env python3
"""A complete-translation version of a dev theme: the units that the gold leaves
one-sided are dropped from both sides, so every remaining unit has a partner.

    complete_translation.py ZH EN GOLD OUT_PREFIX

writes OUT_PREFIX.zh, OUT_PREFIX.en (one unit per line) and OUT_PREFIX.gold.tsv (the
gold links renumbered, `zh<TAB>en`).
"""
import sys


def ids(s):
    return [int(x) for x in s.split(",") if x.strip() != ""]


def main():
    zh_path, en_path, gold_path, out = sys.argv[1:5]
    zh = open(zh_path, encoding="utf-8").read().split("\n")
    en = open(en_path, encoding="utf-8").read().split("\n")
    links = []
    for n, line in enumerate(open(gold_path, encoding="utf-8").read().split("\n")):
        cols = line.split("\t")
        if len(cols) < 2 or (n == 0 and cols[0].strip().lower() == "zh"):
            continue
        z, e = ids(cols[0]), ids(cols[1])
        if z and e:
            links.append((z, e))
    keep_zh = sorted({i for z, _ in links for i in z})
    keep_en = sorted({j for _, e in links for j in e})
    new_zh = {old: new for new, old in enumerate(keep_zh)}
    new_en = {old: new for new, old in enumerate(keep_en)}
    with open(out + ".zh", "w", encoding="utf-8") as f:
        f.writelines(zh[i] + "\n" for i in keep_zh)
    with open(out + ".en", "w", encoding="utf-8") as f:
        f.writelines(en[j] + "\n" for j in keep_en)
    with open(out + ".gold.tsv", "w", encoding="utf-8") as f:
        f.write("zh\ten\n")
        for z, e in sorted(links, key=lambda l: (new_zh[l[0][0]], new_en[l[1][0]])):
            f.write(",".join(str(new_zh[i]) for i in z) + "\t" + ",".join(str(new_en[j]) for j in e) + "\n")


if __name__ == "__main__":
    main()
