"""bitext.score gives sacrebleu 2.6.0's numbers (sacrebleu itself is the oracle)."""

import json

import pytest

import bitext
from conftest import ROOT

sacrebleu = pytest.importorskip("sacrebleu")
FIXTURES = ROOT / "crates" / "mteval" / "tests" / "fixtures" / "sacrebleu"


def lines(name):
    return (FIXTURES / name).read_text(encoding="utf-8").rstrip("\n").split("\n")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scores_equal_sacrebleu(lang):
    refs, hyps = lines(f"ref.{lang}"), lines(f"hyp.{lang}")
    ours = bitext.score(refs, hyps, metrics=["bleu", "chrf", "chrf++", "ter"], lang=lang)
    tok = "zh" if lang == "zh" else "13a"
    theirs = {
        "BLEU": sacrebleu.corpus_bleu(hyps, [refs], tokenize=tok).score,
        "chrF2": sacrebleu.corpus_chrf(hyps, [refs]).score,
        "chrF2++": sacrebleu.corpus_chrf(hyps, [refs], word_order=2).score,
        "TER": sacrebleu.corpus_ter(hyps, [refs]).score,
    }
    assert set(ours) == set(theirs)
    for name, value in theirs.items():
        assert ours[name] == pytest.approx(value, abs=1e-9), name


def test_scores_equal_the_recorded_reference_values():
    values = json.loads((FIXTURES / "reference_values.json").read_text(encoding="utf-8"))
    ours = bitext.score(lines("ref.zh"), lines("hyp.zh"), metrics=["bleu", "chrf"], lang="zh")
    assert ours["BLEU"] == pytest.approx(values["en-zh"]["bleu"]["score"], abs=1e-9)
    assert ours["chrF2"] == pytest.approx(values["en-zh"]["chrf2"]["score"], abs=1e-9)


def test_multi_reference_and_options():
    refs, hyps = lines("ref.en"), lines("hyp.en")
    second = [r.upper() for r in refs]
    ours = bitext.score([refs, second], hyps, metrics=["bleu"], lowercase=True)
    assert ours["BLEU"] == pytest.approx(
        sacrebleu.corpus_bleu(hyps, [refs, second], lowercase=True).score, abs=1e-9)


def test_bad_arguments_are_exceptions():
    with pytest.raises(bitext.BitextError, match="unknown metric"):
        bitext.score(["a"], ["a"], metrics=["meteor"])
    with pytest.raises(bitext.BitextError, match="line counts differ"):
        bitext.score(["a", "b"], ["a"])
    with pytest.raises(TypeError):
        bitext.score("a", "a")
