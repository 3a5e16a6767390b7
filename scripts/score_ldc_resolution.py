#!/usr/bin/env python3
"""Score bitext on the GA resolution of ../shared/data/ldc-resolution, a held-out set.

Usage: score_ldc_resolution.py DIR PARAGRAPHS_JSONL SENTENCES_JSONL

DIR holds `zh_raw_pdf_lines.txt` (the Chinese as 58 raw PDF lines: paragraphs broken
mid-sentence, stray footnote digits), `en.txt` (19 numbered paragraphs) and
`gold_para_alignment.tsv` (each English paragraph's range of Chinese lines). The two
JSONL files are what `bitext align ZH EN -f jsonl` writes with `--level paragraph` and
with the default `--level sentence`.

bitext cleans the text (joins lines, moves labels and footnote numbers out of it), so
its links carry text, not raw line numbers. Each link's text is traced back through the
raw lines: its characters, white space removed, are matched in order, skipping only
what cleaning may move out of the text (digits, a label's full stop). What a link
traces to is the set of raw lines its characters came from. Printed:

* paragraph level: strict P/R/F1 of the paragraph links against the gold (a link is
  right when its Chinese lines are exactly the gold range of its English paragraph);
* sentence level: the share of sentence links that lie inside one gold paragraph pair
  (precision against a paragraph gold), and the share of gold paragraphs all of whose
  text is in such links (recall);
Exit 1 when text is lost or altered: a unit's text that cannot be traced, or raw
text (other than digits and full stops) in no unit of the output, paired or not.

Nothing in bitext was tuned on these files: the figures are held-out.
"""
import json
import sys

# What cleaning may take out of the running text: paragraph labels ("12.") and
# footnote reference numbers ("…Secretary-General;6").
MOVABLE = set("0123456789.")


def raw_chars(path):
    """(character, line index) for every non-space character of the file."""
    out = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            out.extend((c, i) for c in line if not c.isspace())
    return out


class Tracer:
    """Traces texts, in document order, back to the raw lines they came from."""

    def __init__(self, chars):
        self.chars = chars
        self.at = 0

    def trace(self, text):
        lines = set()
        for c in text:
            if c.isspace():
                continue
            start = self.at
            while self.at < len(self.chars) and self.chars[self.at][0] != c:
                if self.chars[self.at][0] not in MOVABLE:
                    raise ValueError(
                        f"text {text[:30]!r}…: {c!r} is not the next raw character "
                        f"(raw line {self.chars[self.at][1] + 1} has {self.chars[self.at][0]!r}): text lost or altered"
                    )
                self.at += 1
            if self.at == len(self.chars):
                raise ValueError(f"text {text[:30]!r}…: {c!r} not found after raw character {start}")
            lines.add(self.chars[self.at][1])
            self.at += 1
        return frozenset(lines)

    def lost(self):
        """Raw text after the last traced character that cleaning may not remove."""
        return "".join(c for c, _ in self.chars[self.at:] if c not in MOVABLE)


def links(path, zh_chars, en_chars):
    """(zh lines, en lines) of each link (either may be empty), and the two tracers."""
    zt, et = Tracer(zh_chars), Tracer(en_chars)
    records = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    # Units are traced in their own document order; links may cross.
    zh_lines, en_lines = {}, {}
    for r in sorted(records, key=lambda r: r["zh_ids"][0] if r["zh_ids"] else 1 << 30):
        if r["zh_ids"]:
            zh_lines[id(r)] = zt.trace(r["zh"])
    for r in sorted(records, key=lambda r: r["en_ids"][0] if r["en_ids"] else 1 << 30):
        if r["en_ids"]:
            en_lines[id(r)] = et.trace(r["en"])
    out = [(zh_lines.get(id(r), frozenset()), en_lines.get(id(r), frozenset())) for r in records]
    return out, zt, et


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.split("\n\n")[1])
    folder, paragraphs, sentences = sys.argv[1:4]
    zh_chars = raw_chars(f"{folder}/zh_raw_pdf_lines.txt")
    en_chars = raw_chars(f"{folder}/en.txt")
    gold = set()
    with open(f"{folder}/gold_para_alignment.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            _, en_line, zh_start, zh_end = (int(x) for x in line.split("\t"))
            gold.add((frozenset(range(zh_start, zh_end + 1)), frozenset([en_line])))
    try:
        para, zt, et = links(paragraphs, zh_chars, en_chars)
        sent, szt, set_ = links(sentences, zh_chars, en_chars)
    except ValueError as e:
        sys.exit(f"score_ldc_resolution: {e}")

    pred = {(z, e) for z, e in para if z and e}
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"paragraphs: gold {len(gold)}, predicted {len(pred)}, strict P {p:.4f} R {r:.4f} F1 {f1:.4f}")

    paired = [(z, e) for z, e in sent if z and e]
    inside = [next((g for g in gold if z <= g[0] and e <= g[1]), None) for z, e in paired]
    sp = sum(g is not None for g in inside) / len(paired) if paired else 0.0
    # A gold paragraph is recalled when every one of its lines is reached by a link
    # inside it and no link outside it reaches its lines.
    reached = {}
    for (z, e), g in zip(paired, inside):
        if g is not None:
            reached.setdefault(g, [set(), set()])
            reached[g][0] |= z
            reached[g][1] |= e
    outside = set()
    for (z, e), g in zip(paired, inside):
        if g is None:
            outside |= {("zh", i) for i in z} | {("en", j) for j in e}
    recalled = sum(
        1
        for g, (z, e) in reached.items()
        if z == g[0] and e == g[1] and not any(("zh", i) in outside for i in g[0]) and not any(("en", j) in outside for j in g[1])
    )
    sr = recalled / len(gold)
    sf = 2 * sp * sr / (sp + sr) if sp + sr else 0.0
    print(f"sentences: {len(paired)} links, inside a gold paragraph pair P {sp:.4f}; gold paragraphs wholly linked R {sr:.4f}; F1 {sf:.4f}")
    lost = {"zh paragraphs": zt.lost(), "en paragraphs": et.lost(), "zh sentences": szt.lost(), "en sentences": set_.lost()}
    for k, v in lost.items():
        if v:
            sys.exit(f"score_ldc_resolution: {k}: the raw text ends with text in no unit: {v[:80]!r}")
    print("text: every raw character is in the output's units (labels and footnote numbers aside)")


if __name__ == "__main__":
    main()
