#!/usr/bin/env python3
"""Make the Word fixtures of the report pair (tests/fixtures/docx/{zh,en}.docx) from
data/cpc63-programme25 (zh.txt, en.clean.txt), as UN documents are laid out: the
paragraph numbers are Word's automatic numbering (not text), two front-matter lines sit
in a table, one paragraph carries hidden text, one a tracked insertion and deletion,
one a field (its code is not text, its result is).

Needs python-docx (pip install python-docx). The fixtures are committed, so the tests
need neither Python nor this script; run it again after changing it:
    python3 scripts/make_fixtures.py
"""
import copy
import os
import re

import docx
from docx.oxml.ns import qn
from docx.oxml import OxmlElement

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
PAIR = os.path.join(ROOT, "data", "cpc63-programme25")
OUT = os.path.join(ROOT, "tests", "fixtures", "docx")
NUMBERED = re.compile(r"^(\d+)\.\s+")


def zh_paragraphs():
    """zh.txt is a PDF extraction: a blank line inside a sentence is a page break."""
    text = open(os.path.join(PAIR, "zh.txt"), encoding="utf-8").read()
    paras = []
    for piece in (p.strip() for p in text.split("\n\n")):
        if not piece:
            continue
        lines = [l.strip() for l in piece.split("\n") if l.strip()]
        for line in lines:
            if paras and not NUMBERED.match(line) and paras[-1]["joinable"]:
                paras[-1]["text"] += line
            else:
                paras.append({"text": line, "joinable": False})
            paras[-1]["joinable"] = not re.search(r"[。：；！？）)]$", paras[-1]["text"]) and bool(NUMBERED.match(paras[-1]["text"]))
    return [p["text"] for p in paras]


def en_paragraphs():
    return [l.strip() for l in open(os.path.join(PAIR, "en.clean.txt"), encoding="utf-8") if l.strip()]


def add_run(p, text, hidden=False):
    r = p.add_run(text)
    if hidden:
        r.font.hidden = True
    return r


def tracked(p, tag, text):
    """A tracked insertion (w:ins) or deletion (w:del) holding one run."""
    el = OxmlElement(f"w:{tag}")
    el.set(qn("w:id"), str(abs(hash(text)) % 10000))
    el.set(qn("w:author"), "fixture")
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if tag == "del" else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    el.append(r)
    p._p.append(el)


def field(p, code, result):
    def fld(kind):
        r = OxmlElement("w:r")
        c = OxmlElement("w:fldChar")
        c.set(qn("w:fldCharType"), kind)
        r.append(c)
        p._p.append(r)
    fld("begin")
    r = OxmlElement("w:r")
    t = OxmlElement("w:instrText")
    t.text = code
    r.append(t)
    p._p.append(r)
    fld("separate")
    add_run(p, result)
    fld("end")


def build(paragraphs, lang, path):
    d = docx.Document()
    table_done = False
    special = {"hidden": False, "tracked": False, "field": False}
    i = 0
    while i < len(paragraphs):
        text = paragraphs[i]
        # Two front-matter lines side by side in a table (as a letterhead is).
        if not table_done and i >= 2 and not NUMBERED.match(text) and i + 1 < len(paragraphs) and not NUMBERED.match(paragraphs[i + 1]):
            t = d.add_table(rows=1, cols=2)
            t.cell(0, 0).text = text
            t.cell(0, 1).text = paragraphs[i + 1]
            table_done = True
            i += 2
            continue
        m = NUMBERED.match(text)
        if m:
            p = d.add_paragraph(style="List Number")
            body = text[m.end():]
            number = int(m.group(1))
            if number == 3 and not special["hidden"]:
                add_run(p, body)
                add_run(p, " [drafting note: check with OLA]", hidden=True)
                special["hidden"] = True
            elif number == 5 and not special["tracked"]:
                cut = len(body) // 2
                add_run(p, body[:cut])
                tracked(p, "del", "XXXX ")
                tracked(p, "ins", body[cut:])
                special["tracked"] = True
            elif number == 7 and not special["field"]:
                cut = body.index("7") if "7" in body else len(body)
                add_run(p, body[:cut])
                field(p, "DOCPROPERTY resolution", body[cut:cut + 6])
                add_run(p, body[cut + 6:])
                special["field"] = True
            else:
                add_run(p, body)
        else:
            d.add_paragraph(text)
        i += 1
    d.core_properties.author = "bitext fixtures"
    d.core_properties.language = lang
    d.save(path)


os.makedirs(OUT, exist_ok=True)
build(zh_paragraphs(), "zh-CN", os.path.join(OUT, "zh.docx"))
build(en_paragraphs(), "en-US", os.path.join(OUT, "en.docx"))
print("wrote", os.path.join(OUT, "zh.docx"), "and", os.path.join(OUT, "en.docx"))
