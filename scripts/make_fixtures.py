#!/usr/bin/env python3
"""Make the Word and PDF fixtures of the report pair (tests/fixtures/docx/{zh,en}.docx,
tests/fixtures/pdf/{zh,en}.pdf) from data/cpc63-programme25 (zh.txt, en.clean.txt), as
UN documents are laid out: the paragraph numbers are Word's automatic numbering (not
text), two front-matter lines sit in a table, one paragraph carries hidden text, one a
tracked insertion and deletion, one a field (its code is not text, its result is),
three carry footnotes, headings have Word's heading style; every page has a running header with the document symbol and a
footer with the job number and the page number. The PDFs are the Word files printed by
LibreOffice (with the Noto CJK fonts).

Needs python-docx (pip install python-docx), and for the PDFs LibreOffice
(`apt-get install libreoffice-writer-nogui fonts-noto-cjk`; skipped with a note when
missing). The fixtures are committed, so the tests need neither; run it again after
changing it:
    python3 scripts/make_fixtures.py
"""
import os
import re
import shutil
import subprocess
import tempfile

import docx
from docx.oxml.ns import qn
from docx.oxml import OxmlElement
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
PAIR = os.path.join(ROOT, "data", "cpc63-programme25")
OUT = os.path.join(ROOT, "tests", "fixtures", "docx")
PDF_OUT = os.path.join(ROOT, "tests", "fixtures", "pdf")
# A symbol and job numbers of the kind UN documents carry in their running header and
# footer (the report pair's own text has neither).
SYMBOL = "E/AC.51/2023/L.4/Add.25"
JOB = {"zh": "23-12345 (C)", "en": "23-12345 (E)"}
# Footnotes, by the number of the paragraph that refers to them.
FOOTNOTES = {
    "zh": {1: "《大会正式记录，第七十八届会议，补编第6号》(A/78/6)。",
           6: "见第77/278号决议，第二节。",
           9: "见A/77/6 (Sect. 29A)，第29A.2段。"},
    "en": {1: "Official Records of the General Assembly, Seventy-eighth Session, Supplement No. 6 (A/78/6).",
           6: "See resolution 77/278, sect. II.",
           9: "See A/77/6 (Sect. 29A), para. 29A.2."},
}
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
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


def footnotes_part(d, notes):
    """word/footnotes.xml (python-docx has no API for notes) with the separators Word
    writes, related to the document."""
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f'<w:r><w:rPr><w:sz w:val="18"/><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        for i, text in notes
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f"{body}</w:footnotes>"
    ).encode("utf-8")
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml, d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)


def footnote_reference(p, note_id):
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    va = OxmlElement("w:vertAlign")
    va.set(qn("w:val"), "superscript")
    rpr.append(va)
    r.append(rpr)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(note_id))
    r.append(ref)
    p._p.append(r)


def header_and_footer(d, lang):
    section = d.sections[0]
    section.header.paragraphs[0].text = SYMBOL
    p = section.footer.paragraphs[0]
    add_run(p, JOB[lang] + "\t\t")
    field(p, "PAGE", "1")


def build(paragraphs, lang, path, for_print=False):
    """for_print: the tracked change accepted, as the PDF of a published document shows it."""
    d = docx.Document()
    header_and_footer(d, lang)
    notes = []
    seen_numbered = False
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
        seen_numbered = seen_numbered or bool(m)
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
                if for_print:
                    add_run(p, body[cut:])
                else:
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
            if number in FOOTNOTES[lang] and number not in dict(notes).values():
                notes.append((len(notes) + 1, number))
                footnote_reference(p, len(notes))
        else:
            # Headings between numbered paragraphs carry Word's heading style, as
            # in UN documents (bitext reads the style, not only the text).
            d.add_paragraph(text, style="Heading 2" if seen_numbered else None)
        i += 1
    footnotes_part(d, [(i, FOOTNOTES[lang][n]) for i, n in notes])
    d.core_properties.author = "bitext fixtures"
    d.core_properties.language = lang
    d.save(path)


def print_pdf(docx_path, out_dir):
    """The Word file printed to PDF by LibreOffice, in a private profile (no state of
    the user's LibreOffice touched)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice not found: PDFs not regenerated (apt-get install libreoffice-writer-nogui fonts-noto-cjk)")
        return
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", out_dir, docx_path],
                       check=True, stdout=subprocess.DEVNULL)
    print("wrote", os.path.join(out_dir, os.path.basename(docx_path)[:-5] + ".pdf"))


def scanned_pdf(path):
    """A one-page PDF holding only an image, as a scanner makes: no text layer."""
    pixels = bytes([0x80, 0xFF, 0xFF, 0x80])
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
    ]
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    objects.append(b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                   b"/BitsPerComponent 8 /Length 4 >>\nstream\n" + pixels + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)
    print("wrote", path)


def other_formats():
    """Bad and older inputs: an image-only PDF, PDFs with a user password and with an
    owner password only (qpdf), and the English Word file as .doc, .odt and .rtf
    (LibreOffice)."""
    bad = os.path.join(ROOT, "tests", "fixtures", "bad")
    os.makedirs(bad, exist_ok=True)
    scanned_pdf(os.path.join(bad, "scanned.pdf"))
    if shutil.which("qpdf"):
        en = os.path.join(PDF_OUT, "en.pdf")
        subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", en,
                        os.path.join(bad, "password.pdf")], check=True)
        subprocess.run(["qpdf", "--encrypt", "", "owner", "256", "--print=none", "--", en,
                        os.path.join(PDF_OUT, "en-print-protected.pdf")], check=True)
        print("wrote password.pdf and en-print-protected.pdf")
    else:
        print("qpdf not found: encrypted PDFs not regenerated (apt-get install qpdf)")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        office = os.path.join(ROOT, "tests", "fixtures", "office")
        os.makedirs(office, exist_ok=True)
        for fmt in ("doc", "odt", "rtf"):
            with tempfile.TemporaryDirectory() as profile:
                subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                                "--convert-to", fmt, "--outdir", office, os.path.join(OUT, "en.docx")],
                               check=True, stdout=subprocess.DEVNULL)
        print("wrote tests/fixtures/office/en.{doc,odt,rtf}")


os.makedirs(OUT, exist_ok=True)
os.makedirs(PDF_OUT, exist_ok=True)
SOURCES = {"zh": zh_paragraphs(), "en": en_paragraphs()}
for lang, paragraphs in SOURCES.items():
    build(paragraphs, lang, os.path.join(OUT, f"{lang}.docx"))
    print("wrote", os.path.join(OUT, f"{lang}.docx"))
with tempfile.TemporaryDirectory() as printing:
    for lang, paragraphs in SOURCES.items():
        build(paragraphs, lang, os.path.join(printing, f"{lang}.docx"), for_print=True)
        print_pdf(os.path.join(printing, f"{lang}.docx"), PDF_OUT)
    # The English set in two columns, as some UN publications are: with Word's
    # default gutter (720 twips, 1.27 cm) and an ordinary narrow one (340, 0.6 cm).
    for name, gutter in [("en-two-columns", "720"), ("en-two-columns-narrow", "340")]:
        two = os.path.join(printing, f"{name}.docx")
        build(SOURCES["en"], "en", two, for_print=True)
        d = docx.Document(two)
        cols = d.sections[0]._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = OxmlElement("w:cols")
            d.sections[0]._sectPr.append(cols)
        cols.set(qn("w:num"), "2")
        cols.set(qn("w:space"), gutter)
        d.save(two)
        print_pdf(two, PDF_OUT)
# Sixty footnotes that differ only in their numbers ("Ibid."-like notes recur in UN
# documents), so that notes at the page foot look like running footers: none may be
# lost, none spliced into the body text.
def many_footnotes():
    paragraphs = [l for l in SOURCES["en"] if NUMBERED.match(l)][:60]
    d = docx.Document()
    notes = []
    for text in paragraphs:
        words = text[NUMBERED.match(text).end():].split(" ")
        cut = len(words) // 2
        p = d.add_paragraph(style="List Number")
        add_run(p, " ".join(words[:cut]))
        notes.append((len(notes) + 1, f"Available at https://www.un.org/en/ga/fifth/78/documents/note{len(notes) + 1}.html and in the Official Document System."))
        footnote_reference(p, len(notes))
        add_run(p, " " + " ".join(words[cut:]))
    footnotes_part(d, notes)
    with tempfile.TemporaryDirectory() as printing:
        path = os.path.join(printing, "en-many-footnotes.docx")
        d.save(path)
        print_pdf(path, PDF_OUT)


many_footnotes()
other_formats()
