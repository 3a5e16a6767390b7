"""The Python API gives exactly the command line's alignment and corpora."""

import json
import os

import pytest

import bitext
from conftest import PAIR, cli_error, needs_shared, run_cli


def test_report_pair_links_equal_the_cli(cli, tmp_path):
    cli_out = tmp_path / "cli.jsonl"
    proc = run_cli(cli, "align", str(PAIR / "zh.txt"), str(PAIR / "en.txt"), "-o", str(cli_out))
    assert proc.returncode == 0, proc.stderr
    links = bitext.align_files(PAIR / "zh.txt", PAIR / "en.txt")
    expected = [json.loads(line) for line in cli_out.read_text(encoding="utf-8").splitlines()]
    assert len(links) == len(expected) > 140
    for link, row in zip(links, expected):
        assert (link.zh, link.en, link.zh_ids, link.en_ids, link.block) == (
            row["zh"], row["en"], row["zh_ids"], row["en_ids"], row.get("block"))
        assert link.type == f"{len(row['zh_ids'])}-{len(row['en_ids'])}"
    # Written through the same writer, the bytes are the CLI's.
    py_out = tmp_path / "py.jsonl"
    assert bitext.write_corpus(links, py_out) == len(links)
    assert py_out.read_bytes() == cli_out.read_bytes()


def test_text_api_equals_file_api():
    zh = (PAIR / "zh.txt").read_text(encoding="utf-8")
    en = (PAIR / "en.txt").read_text(encoding="utf-8")
    assert bitext.align(zh, en) == bitext.align_files(PAIR / "zh.txt", PAIR / "en.txt")


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "csv", "jsonl"])
def test_options_reach_the_pipeline_like_the_cli(cli, tmp_path, fmt):
    args = ["--level", "paragraph", "--min-score", "0.5", "--lexicon-rounds", "1", "--no-builtin-glossary",
            "--no-builtin-lexicon", "--keep-doubtful-links"]
    cli_out = tmp_path / f"cli.{fmt}"
    proc = run_cli(cli, "align", str(PAIR / "zh.txt"), str(PAIR / "en.txt"), *args, "-o", str(cli_out))
    assert proc.returncode == 0, proc.stderr
    links = bitext.align_files(PAIR / "zh.txt", PAIR / "en.txt", level="paragraph", min_score=0.5,
                               lexicon_rounds=1, builtin_glossary=False, builtin_lexicon=False,
                               keep_doubtful_links=True)
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        py_out = tmp_path / f"py.{fmt}"
        bitext.write_corpus(links, py_out, segtype="paragraph")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert py_out.read_bytes() == cli_out.read_bytes()


def test_presegmented_dev_theme_equals_the_cli(cli, tmp_path):
    streams = needs_shared("data", "un2023", "streams")
    zh, en = streams / "peace.zh.txt", streams / "peace.en.txt"
    cli_out = tmp_path / "cli.jsonl"
    proc = run_cli(cli, "align", str(zh), str(en), "--presegmented", "-o", str(cli_out))
    assert proc.returncode == 0, proc.stderr
    links = bitext.align_files(zh, en, presegmented=True, threads=2)
    py_out = tmp_path / "py.jsonl"
    bitext.write_corpus(links, py_out)
    assert py_out.read_bytes() == cli_out.read_bytes()


def test_errors_are_exceptions_with_the_cli_messages(cli, tmp_path):
    missing = tmp_path / "missing.zh.txt"
    cases = [
        ((missing, PAIR / "en.txt"), {}),
        ((PAIR / "en.txt", PAIR / "zh.txt"), {}),  # swapped languages
        ((PAIR / "zh.txt", PAIR / "en.txt"), {"glossary": [missing]}),
        ((PAIR / "zh.txt", PAIR / "en.txt"), {"srx": str(missing)}),
    ]
    for (zh, en), options in cases:
        args = ["align", str(zh), str(en)]
        for g in options.get("glossary", []):
            args += ["--glossary", str(g)]
        if "srx" in options:
            args += ["--srx", options["srx"]]
        message = cli_error(run_cli(cli, *args))
        with pytest.raises(bitext.BitextError) as caught:
            bitext.align_files(zh, en, **options)
        assert str(caught.value) == message
    with pytest.raises(bitext.BitextError, match="min_score must be between 0 and 1"):
        bitext.align("委员会。", "The Committee.", min_score=2)
    # Messages name the options as Python spells them, the CLI's flags as it does.
    short = tmp_path / "short.zh.txt"
    short.write_bytes("委員會".encode("big5"))
    message = cli_error(run_cli(cli, "align", str(short), str(PAIR / "en.txt")))
    assert "--zh-encoding" in message
    with pytest.raises(bitext.BitextError) as caught:
        bitext.align_files(short, PAIR / "en.txt")
    assert "zh_encoding=" in str(caught.value) and "--" not in str(caught.value)
    assert str(caught.value) == message.replace("--zh-encoding", "zh_encoding=")
    with pytest.raises(bitext.BitextError, match="level must be"):
        bitext.align("委员会。", "The Committee.", level="word")
    with pytest.raises(TypeError, match="levle"):
        bitext.align("委员会。", "The Committee.", levle="paragraph")


def test_unrelated_documents_raise_unless_forced(cli, tmp_path):
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text("今天天气很好，我们去公园散步。\n他喜欢读小说和写诗。\n火车站离这里很远。\n", encoding="utf-8")
    en.write_text("The budget was approved in resolution 77/278.\nQuarterly figures rose by 12 per cent.\nThe treaty entered into force.\n", encoding="utf-8")
    proc = run_cli(cli, "align", str(zh), str(en))
    assert proc.returncode == 1 and "look unrelated" in proc.stderr
    with pytest.raises(bitext.UnrelatedError, match="look unrelated"):
        bitext.align_files(zh, en)
    assert bitext.align_files(zh, en, force=True)


def test_segment_offsets_point_into_the_input():
    text = (PAIR / "zh.txt").read_text(encoding="utf-8")
    segments = bitext.segment(text, "zh")
    assert len(segments) > 150
    # Offsets are character offsets: the span is the sentence as it stands in the input
    # (a page break inside it is the only difference the cleaning makes).
    for s in segments:
        span = text[s.start:s.end]
        assert span == s.text or "".join(span.split()) == "".join(s.text.split()), s
    assert sum(text[s.start:s.end] == s.text for s in segments) > 140
    assert sum("year:2024" in s.anchors for s in segments) >= 10
    with pytest.raises(bitext.BitextError, match="lang must be"):
        bitext.segment("x", "fr")


def test_corpus_round_trip_through_every_format(tmp_path):
    links = bitext.align_files(PAIR / "zh.txt", PAIR / "en.txt")
    paired = [l for l in links if l.is_paired]
    assert len(paired) < len(links)
    # TMX and line-aligned files hold translation pairs only; the tables keep every unit.
    for fmt, expected in [("tmx", paired), ("tmx.gz", paired), ("tsv", links), ("csv", links), ("jsonl", links)]:
        path = tmp_path / f"c.{fmt}"
        bitext.write_corpus(links, path, keep_all=True)
        back = bitext.read_corpus(path)
        assert [(l.zh, l.en) for l in back] == [(l.zh, l.en) for l in expected], fmt
    # By default a TM leaves out pairs it should not offer (identical sides here).
    assert bitext.write_corpus(links, tmp_path / "tm.tmx") < len(paired)
    assert not any(l.zh == l.en for l in bitext.read_corpus(tmp_path / "tm.tmx"))
    bitext.write_corpus(links, tmp_path / "t", format="moses", keep_all=True)
    back = bitext.read_corpus(tmp_path / "t", format="moses")
    assert [(l.zh, l.en) for l in back] == [(l.zh, l.en) for l in paired]
    with pytest.raises(bitext.BitextError, match="cannot tell the format"):
        bitext.read_corpus(tmp_path / "c.xlsx")


def test_word_and_pdf_documents_align_from_python(cli, tmp_path):
    fixtures = PAIR.parents[1] / "tests" / "fixtures"
    links = bitext.align_files(fixtures / "pdf" / "zh.pdf", fixtures / "docx" / "en.docx")
    paired = [link for link in links if link.is_paired]
    assert len(paired) > 140
    # The symbol from the running header and the date from the front matter.
    assert {link.doc for link in links} == {"E/AC.51/2023/L.4/Add.25"}
    assert {link.doc_date for link in links} == {"2023-06-30"}
    # Footnote markers are metadata, not text; the footnotes are units of their own.
    assert any(link.footnote_refs == ["1"] for link in links)
    assert sum(1 for link in links if link.block == "footnote" and link.is_paired) == 3
    # The same as the command line, byte for byte.
    cli_out = tmp_path / "cli.jsonl"
    proc = run_cli(cli, "align", str(fixtures / "pdf" / "zh.pdf"), str(fixtures / "docx" / "en.docx"),
                   "-o", str(cli_out))
    assert proc.returncode == 0, proc.stderr
    py_out = tmp_path / "py.jsonl"
    bitext.write_corpus(links, py_out)
    assert py_out.read_bytes() == cli_out.read_bytes()


def test_links_carry_every_field_a_record_has():
    # The record's metadata fields come from Rust (RecordMeta); a field added there and
    # not to Link would be dropped between read_corpus and write_corpus.
    assert set(bitext._native.RECORD_META_FIELDS) <= set(bitext.Link.__slots__)
    link = bitext.Link("委员会。", "The Committee.", doc="A/78/6", doc_date="2023-04-05",
                       zh_lang="zh-TW", en_lang="en-GB")
    (back,) = [bitext.Link._from_dict(d) for d in [link.to_dict()]]
    assert back == link
