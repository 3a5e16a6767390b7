#!/usr/bin/env python3
"""Train the link verifier (crates/align/src/verify.rs) on the development gold and
report its reliability by cross-validation across data sets.

Data: the paired links bitext's DP makes (the verifier stage off; features from
`cargo run --release --example link_features`) on
  * un2023 health and peace (presegmented streams, gold from ../shared), each as given
    and in synthetic variants where runs of 1-3 units of one side are deleted (those
    units' partners are then one-sided) or where the zh units of a run of links and
    the en units of the next run are deleted (each version then has, at the same
    place, text the other lacks: where the DP pairs neighbours that are not
    translations of each other). Deleted units are chosen among 1-1 gold links only,
    so the gold of a variant is exact. And
  * the report pair (raw text, sentence level; gold by text).
A link is correct when the gold has exactly that link.

Model: logistic regression (Newton's method, L2 penalty `--l2`) on the features.
Cross-validation: leave one data set out (health, peace, pair; a data set's variants
go with it), so no prediction comes from a model that saw its data set. Printed: the
cross-validated precision per score band, expected calibration error (10 bins), the
precision of links scored >= 0.95, strict F1 of the links kept (probability >= 0.5)
on each data set as given; strict P/R/F1 of what `bitext align` writes on each data set
as given with the verifier fitted without it (examples/held_out.rs: its rejections and
the gap filling after them included; scripts/eval.sh floors these); then the weights
fitted on everything, as Rust for `Verifier::default`.

Usage: scripts/train_verifier.py [--shared ../shared] [--variants 12] [--l2 1.0] [--check] [--write]
--write: write the weights to crates/align/data/verifier.tsv, which the crate reads.
--check: exit 1 unless the weights in crates/align/data/verifier.tsv are the ones fitted
here (within 0.01): the shipped model is reproducible from the data.
No rule or weight here is chosen by looking at particular units: the variants are
random (fixed seeds), and the only choices are the feature set and the penalty.
"""
import argparse
import math
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from score_bands import BANDS, expected_calibration_error, read as read_links  # noqa: E402


def squash(s):
    return "".join(s.split())


def read_gold_ids(path):
    """The paired gold links of a links TSV, as (sorted zh ids, sorted en ids)."""
    return [(tuple(sorted(z)), tuple(sorted(e))) for (z, e), _ in read_links(path, False)]


def features(zh_path, en_path, presegmented):
    cmd = [os.path.join(ROOT, "target/release/examples/link_features"), zh_path, en_path]
    if presegmented:
        cmd.append("--presegmented")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    lines = out.rstrip("\n").split("\n")
    header = lines[0].split("\t")
    names = header[3:-2]
    rows = []
    for line in lines[1:]:
        c = line.split("\t")
        z = tuple(int(x) for x in c[0].split(",") if x)
        e = tuple(int(x) for x in c[1].split(",") if x)
        x = [float(v) for v in c[3:3 + len(names)]]
        rows.append((z, e, float(c[2]), x, c[-2], c[-1]))
    return names, rows


def stream_dataset(shared, theme, variant, tmp):
    """Rows (features, correct) of one theme, as given (variant 0) or with deletions."""
    zh = open(f"{shared}/data/un2023/streams/{theme}.zh.txt", encoding="utf-8").read().split("\n")
    en = open(f"{shared}/data/un2023/streams/{theme}.en.txt", encoding="utf-8").read().split("\n")
    if zh and zh[-1] == "":
        zh.pop()
    if en and en[-1] == "":
        en.pop()
    gold = read_gold_ids(f"{shared}/data/un2023/gold/{theme}.gold.tsv")
    deleted_zh, deleted_en = set(), set()
    if variant:
        # Odd variants: omissions (a run of one side's units deleted). Even variants:
        # substitutions (the zh units of a run of links and the en units of the next
        # run deleted, so each version has, at the same place, text the other lacks).
        rng = random.Random(f"{theme}-{variant}")
        one_to_one = sorted((z[0], e[0]) for z, e in gold if len(z) == 1 and len(e) == 1)
        k = 0
        while k < len(one_to_one):
            if rng.random() < 0.06:
                run = rng.randint(1, 3)
                if variant % 2:
                    side = rng.randint(0, 1)
                    for z, e in one_to_one[k:k + run]:
                        (deleted_en if side else deleted_zh).add(e if side else z)
                    k += run + 1
                else:
                    for z, _ in one_to_one[k:k + run]:
                        deleted_zh.add(z)
                    for _, e in one_to_one[k + run:k + 2 * run]:
                        deleted_en.add(e)
                    k += 2 * run + 1
            else:
                k += 1
    keep_zh = [i for i in range(len(zh)) if i not in deleted_zh]
    keep_en = [j for j in range(len(en)) if j not in deleted_en]
    zp = os.path.join(tmp, f"{theme}{variant}.zh.txt")
    ep = os.path.join(tmp, f"{theme}{variant}.en.txt")
    with open(zp, "w", encoding="utf-8") as f:
        f.write("\n".join(zh[i] for i in keep_zh) + "\n")
    with open(ep, "w", encoding="utf-8") as f:
        f.write("\n".join(en[j] for j in keep_en) + "\n")
    names, rows = features(zp, ep, True)
    good = {(z, e) for z, e in gold if z and e and not (set(z) & deleted_zh) and not (set(e) & deleted_en)}
    n_gold = len(good)
    data = []
    for z, e, dp, x, _, _ in rows:
        orig = (tuple(keep_zh[i] for i in z), tuple(keep_en[j] for j in e))
        data.append((x, orig in good, dp))
    return names, data, n_gold


def pair_dataset():
    pair = os.path.join(ROOT, "data/cpc63-programme25")
    gold = set()
    with open(f"{pair}/gold.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 3 and c[1].strip() and c[2].strip():
                gold.add((squash(c[1]), squash(c[2])))
    names, rows = features(f"{pair}/zh.txt", f"{pair}/en.txt", False)
    # The gold's text of a paragraph's first sentence starts with the paragraph
    # number ("1."), which the corpus text carries in its block instead.
    def in_gold(zt, et):
        z, e = squash(zt), squash(et)
        return any(
            gz.endswith(z) and ge.endswith(e) and len(gz) - len(z) <= 8 and len(ge) - len(e) <= 8
            for gz, ge in gold
        )

    data = [(x, in_gold(zt, et), dp) for _, _, dp, x, zt, et in rows]
    return names, data, len(gold)


def solve(a, b):
    """Solve a x = b (Gaussian elimination with partial pivoting)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        for r in range(n):
            if r != col and m[r][col] != 0.0:
                f = m[r][col] / m[col][col]
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    return [m[i][n] / m[i][i] for i in range(n)]


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    ez = math.exp(z)
    return ez / (1.0 + ez)


def fit(data, l2):
    """Logistic regression by Newton's method; returns [bias, w...]."""
    d = len(data[0][0]) + 1
    w = [0.0] * d
    for _ in range(50):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for x, y, _ in data:
            v = [1.0] + x
            p = sigmoid(sum(wi * vi for wi, vi in zip(w, v)))
            g = p - (1.0 if y else 0.0)
            s = p * (1.0 - p)
            for i in range(d):
                grad[i] += g * v[i]
                vi = s * v[i]
                row = hess[i]
                for j in range(i, d):
                    row[j] += vi * v[j]
        for i in range(d):
            for j in range(i):
                hess[i][j] = hess[j][i]
        for i in range(1, d):  # no penalty on the bias
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return w


def predict(w, x):
    return sigmoid(w[0] + sum(wi * xi for wi, xi in zip(w[1:], x)))


def report(title, scored, n_gold_by_set):
    """scored: {set: [(prob, correct)]} of data sets as given."""
    print(f"\n{title}")
    allp = [s for v in scored.values() for s in v]
    print(f"{'score band':>12} {'links':>6} {'precision':>9} {'mean score':>10}")
    for lo, hi in BANDS:
        inb = [(p, c) for p, c in allp if lo <= p < hi]
        if inb:
            prec = sum(c for _, c in inb) / len(inb)
            mean = sum(p for p, _ in inb) / len(inb)
            print(f"{lo:.2f}-{min(hi, 1.0):.2f}  {len(inb):>6} {prec:>9.3f} {mean:>10.3f}")
        else:
            print(f"{lo:.2f}-{min(hi, 1.0):.2f}  {0:>6} {'-':>9} {'-':>10}")
    ece = expected_calibration_error(allp)
    print(f"expected calibration error (10 bins): {ece:.4f}")
    for name, v in scored.items():
        high = [c for p, c in v if p >= 0.95]
        kept = [c for p, c in v if p >= 0.5]
        tp = sum(kept)
        prec = tp / len(kept) if kept else 0.0
        rec = tp / n_gold_by_set[name]
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        hp = sum(high) / len(high) if high else float("nan")
        print(f"  {name:<8} links >= 0.95: {len(high):>4}, precision {hp:.4f};  kept (>= 0.5): P {prec:.4f} R {rec:.4f} F1 {f1:.4f}")
    return ece


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--variants", type=int, default=12)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--write", action="store_true", help=f"write the weights to {WEIGHTS_FILE}")
    args = ap.parse_args()
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "bitext", "--example", "link_features", "--example", "held_out"],
        cwd=ROOT,
        check=True,
    )
    sets = {}  # name -> list of (variant, data, n_gold)
    with tempfile.TemporaryDirectory() as tmp:
        for theme in ("health", "peace"):
            sets[theme] = []
            for v in range(args.variants + 1):
                names, data, n_gold = stream_dataset(args.shared, theme, v, tmp)
                sets[theme].append((v, data, n_gold))
        names, data, n_gold = pair_dataset()
        sets["pair"] = [(0, data, n_gold)]
    for name, variants in sets.items():
        for v, data, n_gold in variants:
            wrong = sum(1 for _, c, _ in data if not c)
            print(f"{name} variant {v}: {len(data)} links, {wrong} wrong, {n_gold} gold links", file=sys.stderr)

    n_gold = {name: variants[0][2] for name, variants in sets.items()}
    dp_scored = {name: [(dp, c) for _, c, dp in variants[0][1]] for name, variants in sets.items()}
    report("The DP's own scores (no verifier), data sets as given:", dp_scored, n_gold)

    cv_scored = {}
    cv_synthetic = {}
    cv_weights = {}
    for held in sets:
        train = [row for name, variants in sets.items() if name != held for _, d, _ in variants for row in d]
        w = fit(train, args.l2)
        cv_weights[held] = w
        cv_scored[held] = [(predict(w, x), c) for x, c, _ in sets[held][0][1]]
        cv_synthetic[held] = [(predict(w, x), c) for _, d, _ in sets[held][1:] for x, c, _ in d]
    ece = report("Verifier, cross-validated (leave one data set out), data sets as given:", cv_scored, n_gold)
    synth = {k: v for k, v in cv_synthetic.items() if v}
    n_synth = {k: sum(g for _, _, g in sets[k][1:]) for k in synth}
    report("Verifier, cross-validated, synthetic-omission variants:", synth, n_synth)
    whole_pipeline(args.shared, names, cv_weights)

    everything = [row for variants in sets.values() for _, d, _ in variants for row in d]
    w = fit(everything, args.l2)
    print(f"\nWeights fitted on all data (--write writes them to {WEIGHTS_FILE}):")
    table = weights_table(names, w)
    print(table, end="")
    if args.write:
        with open(os.path.join(ROOT, WEIGHTS_FILE), "w", encoding="utf-8") as f:
            f.write(table)
        print(f"train_verifier: wrote {WEIGHTS_FILE}")
    print(f"\ncross-validated ECE {ece:.4f}")
    if args.check:
        shipped = shipped_weights()
        if len(shipped) != len(w) or any(abs(a - b) > 0.01 for a, b in zip(shipped, w)):
            print(f"train_verifier: FAILED: the weights in {WEIGHTS_FILE} are not the ones fitted here (--write)")
            sys.exit(1)
        print("train_verifier: the shipped weights are the ones fitted here")


WEIGHTS_FILE = "crates/align/data/verifier.tsv"


def whole_pipeline(shared, names, cv_weights):
    """Strict P/R/F1 of what `bitext align` writes for each data set as given, with the
    verifier fitted without that data set (examples/held_out.rs): the verifier's
    rejections and the gap filling after them included, as users get them."""
    print("\nWhole pipeline with the held-out verifier (gap filling included), data sets as given:")
    held_out = os.path.join(ROOT, "target/release/examples/held_out")
    bitext = os.path.join(ROOT, "target/release/bitext")
    pair = os.path.join(ROOT, "data/cpc63-programme25")
    with tempfile.TemporaryDirectory() as tmp:
        for held, w in cv_weights.items():
            weights = os.path.join(tmp, f"{held}.verifier.tsv")
            with open(weights, "w", encoding="utf-8") as f:
                f.write(weights_table(names, w))
            links = os.path.join(tmp, f"{held}.links")
            if held == "pair":
                inputs, extra = [f"{pair}/zh.txt", f"{pair}/en.txt"], []
            else:
                streams = f"{shared}/data/un2023/streams/{held}"
                inputs, extra = [f"{streams}.zh.txt", f"{streams}.en.txt"], ["--presegmented"]
            with open(links, "w", encoding="utf-8") as out:
                subprocess.run([held_out, *inputs, weights, *extra], check=True, stdout=out)
            if held == "pair":
                segments = []
                for lang in ("zh", "en"):
                    path = os.path.join(tmp, f"{lang}.jsonl")
                    subprocess.run(
                        [bitext, "segment", f"{pair}/{lang}.txt", "--lang", lang, "-f", "jsonl", "-o", path], check=True
                    )
                    segments.append(path)
                score = [sys.executable, os.path.join(ROOT, "scripts/score_report_pair.py"), f"{pair}/gold.tsv", *segments]
            else:
                score = [sys.executable, f"{shared}/tools/score_links.py", f"{shared}/data/un2023/gold/{held}.gold.tsv"]
            printed = subprocess.run([*score, links], check=True, capture_output=True, text=True).stdout
            strict = next(line for line in printed.splitlines() if line.startswith("strict")).split()
            p, r, f1 = strict[2], strict[4], strict[6]
            print(f"  {held:<8} P {p} R {r} F1 {f1}")


def weights_table(names, w):
    """The weights file the crate reads: comments, a header, the bias, one row per feature."""
    lines = [
        "# The link verifier's weights (a logistic regression over LinkFeatures), written by",
        "# scripts/train_verifier.py --write: fitted on all development data, synthetic omissions",
        "# included, L2 penalty 1; scripts/train_verifier.py --check (in scripts/eval.sh) fails",
        "# when they are not the ones fitted from the data. Do not edit by hand.",
        "feature\tweight",
        f"bias\t{w[0]:.4f}",
    ] + [f"{name}\t{wi:.4f}" for name, wi in zip(names, w[1:])]
    return "\n".join(lines) + "\n"


def shipped_weights():
    """Bias and weights of the shipped weights file, in feature order."""
    rows = []
    with open(os.path.join(ROOT, WEIGHTS_FILE), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip() or line.startswith("feature\t"):
                continue
            rows.append(float(line.split("\t")[1]))
    return rows


if __name__ == "__main__":
    main()
