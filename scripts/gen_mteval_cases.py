#!/usr/bin/env python3
"""Generate MT-evaluation test cases with expected scores from sacrebleu 2.6.0.

Usage: gen_mteval_cases.py [--source report|unpc] [--shared DIR] [--n N] [--seed S] -o OUT.jsonl

Each case is 1-5 segments: sentences of the source (the project's report pair, or the
UNPC dev set under ../shared, which must not be committed) turned into hypotheses and
references by random edits (deletions, swaps, substitutions, duplicated words, odd
characters: curly quotes, dashes, NBSP, CJK Extension B, full-width forms), sometimes
with a second reference. Expected values: BLEU (tokenizer per case), chrF, chrF++, TER
(default and normalized + Asian support), computed with sacrebleu from PyPI.
"""
import argparse
import json
import os
import random
import sys

try:
    import sacrebleu
    from sacrebleu.metrics import BLEU, CHRF, TER
except ImportError:
    sys.exit("gen_mteval_cases: pip install sacrebleu==2.6.0")

ODD = ["\u201c", "\u201d", "\u2014", "\u00a0", "\U00020000", "\uff0c", "\u3002", "\u2192", "\u20ac", "&amp;", "-", "'s", "(", ")", "\u00b7", "\u2000", "\u3000"]


def sentences(source, shared):
    if source == "report":
        root = os.path.join(os.path.dirname(__file__), "..", "data", "cpc63-programme25")
        zh = [l.strip() for l in open(os.path.join(root, "zh.txt"), encoding="utf-8") if len(l.strip()) > 5]
        en = [l.strip() for l in open(os.path.join(root, "en.clean.txt"), encoding="utf-8") if len(l.strip()) > 5]
        # Paragraphs are long; cut them into sentence-sized pieces.
        zh = [p for l in zh for p in l.split("\u3002") if p]
        en = [p for l in en for p in l.split(". ") if p]
    else:
        d = os.path.join(shared, "data", "unpc")
        zh = [l.strip() for l in open(os.path.join(d, "UNv1.0.devset.zh.detok"), encoding="utf-8")]
        en = [l.strip() for l in open(os.path.join(d, "UNv1.0.devset.en"), encoding="utf-8")]
    return zh, en


def edit(rng, text, lang):
    units = list(text) if lang == "zh" else text.split(" ")
    for _ in range(rng.randint(0, 4)):
        if not units:
            break
        op = rng.random()
        i = rng.randrange(len(units))
        if op < 0.3:
            del units[i]
        elif op < 0.5 and len(units) > 1:
            j = rng.randrange(len(units))
            units[i], units[j] = units[j], units[i]
        elif op < 0.7:
            units.insert(i, rng.choice(ODD))
        elif op < 0.85:
            units.insert(i, units[i])
        else:
            k = rng.randrange(len(units))
            units[i] = units[k]
    return ("" if lang == "zh" else " ").join(units)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default="report", choices=["report", "unpc"])
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    ap.add_argument("--n", type=int, default=220)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    zh, en = sentences(a.source, a.shared)
    with open(a.output, "w", encoding="utf-8") as out:
        for case_id in range(a.n):
            lang = "zh" if case_id % 2 == 0 else "en"
            pool = zh if lang == "zh" else en
            tok = rng.choice(["zh", "zh", "zh", "char", "intl"]) if lang == "zh" else rng.choice(["13a", "13a", "13a", "intl", "none", "char"])
            k = rng.randint(1, 5)
            refs1 = [rng.choice(pool) for _ in range(k)]
            hyps = [edit(rng, r, lang) for r in refs1]
            if rng.random() < 0.1:
                hyps[0] = ""
            refs = [refs1]
            if rng.random() < 0.25:
                refs.append([edit(rng, r, lang) for r in refs1])
            case = {
                "id": case_id,
                "lang": lang,
                "tokenize": tok,
                "hyps": hyps,
                "refs": refs,
                "bleu": BLEU(tokenize=tok).corpus_score(hyps, refs).score,
                "chrf": CHRF().corpus_score(hyps, refs).score,
                "chrfpp": CHRF(word_order=2).corpus_score(hyps, refs).score,
                "ter": TER().corpus_score(hyps, refs).score,
                "ter_asian": TER(normalized=True, asian_support=True).corpus_score(hyps, refs).score,
                "sacrebleu": sacrebleu.__version__,
            }
            out.write(json.dumps(case, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
