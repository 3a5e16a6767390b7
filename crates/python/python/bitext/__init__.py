"""bitext: align Chinese and English UN reports into a bilingual corpus.

The Rust pipeline of the ``bitext`` command line, callable from Python. Every
function releases the GIL while Rust works, so threads run in parallel.

>>> import bitext
>>> links = bitext.align("1. 委员会审议了第77/278号决议。", "1. The Committee considered resolution 77/278.")
>>> links[0].en, links[0].block, links[0].type
('The Committee considered resolution 77/278.', '1', '1-1')

Errors raise :class:`BitextError` (a ``ValueError``) with the command line's message;
two documents that are not translations of each other raise :class:`UnrelatedError`
unless ``force=True``.
"""

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from . import _native
from ._native import BitextError, UnrelatedError

__version__ = _native.__version__

__all__ = [
    "Link",
    "Segment",
    "BitextError",
    "UnrelatedError",
    "align",
    "align_files",
    "segment",
    "read_corpus",
    "write_corpus",
    "score",
    "read_manifest",
]

PathLike = Union[str, "os.PathLike[str]"]


class Link:
    """One alignment link: the Chinese and English text of its units, a confidence, the
    paragraph number or label (``block``), the link ``type`` (``"1-2"``: one zh unit,
    two en units) and 0-based unit ids on each side (one side empty for an unpaired
    unit)."""

    __slots__ = ("zh", "en", "score", "block", "doc", "doc_date", "confirmed", "type", "zh_ids", "en_ids", "anchors",
                 "footnote_refs", "zh_lang", "en_lang", "zh_tmx", "en_tmx")

    def __init__(
        self,
        zh: str,
        en: str,
        score: float = 1.0,
        block: Optional[str] = None,
        doc: Optional[str] = None,
        zh_ids: Optional[List[int]] = None,
        en_ids: Optional[List[int]] = None,
        anchors: Optional[List[str]] = None,
        type: Optional[str] = None,
        footnote_refs: Optional[List[str]] = None,
        zh_lang: Optional[str] = None,
        en_lang: Optional[str] = None,
        zh_tmx: Optional[str] = None,
        en_tmx: Optional[str] = None,
        doc_date: Optional[str] = None,
        confirmed: bool = False,
    ) -> None:
        self.zh = zh
        self.en = en
        self.score = score
        self.block = block
        self.doc = doc
        # The document's date (ISO 8601) from its front matter, when it gives one.
        self.doc_date = doc_date
        # A reviewer confirmed the link (bitext review).
        self.confirmed = bool(confirmed)
        self.zh_ids = list(zh_ids) if zh_ids is not None else ([0] if zh else [])
        self.en_ids = list(en_ids) if en_ids is not None else ([0] if en else [])
        self.anchors = list(anchors or [])
        self.type = type or f"{len(self.zh_ids)}-{len(self.en_ids)}"
        # Footnote reference markers taken out of the text (PDF extractions).
        self.footnote_refs = list(footnote_refs or [])
        # As read from a TMX: exact language tags and segments with inline codes.
        self.zh_lang = zh_lang
        self.en_lang = en_lang
        self.zh_tmx = zh_tmx
        self.en_tmx = en_tmx

    @property
    def is_paired(self) -> bool:
        return bool(self.zh_ids) and bool(self.en_ids)

    def to_dict(self) -> Dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    @classmethod
    def _from_dict(cls, d: Dict[str, Any]) -> "Link":
        return cls(**d)

    def __getstate__(self) -> Dict[str, Any]:
        return self.to_dict()

    def __setstate__(self, state: Dict[str, Any]) -> None:
        for name in self.__slots__:
            setattr(self, name, state.get(name))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Link) and self.to_dict() == other.to_dict()

    def __repr__(self) -> str:
        return f"Link(type={self.type!r}, score={self.score:.3f}, block={self.block!r}, zh={self.zh!r}, en={self.en!r})"


class Segment:
    """One unit of a segmented text: block kind and label, the text, character offsets
    into the input, and its anchors (``res:77/278``, ``num:63`` …)."""

    __slots__ = ("kind", "block", "text", "start", "end", "anchors")

    def __init__(self, kind: str, block: Optional[str], text: str, start: int, end: int, anchors: List[str]) -> None:
        self.kind = kind
        self.block = block
        self.text = text
        self.start = start
        self.end = end
        self.anchors = anchors

    def __repr__(self) -> str:
        return f"Segment(kind={self.kind!r}, block={self.block!r}, text={self.text!r})"


def _align_options(**options: Any) -> Dict[str, Any]:
    """The keyword options of ``align`` and ``align_files`` as the native layer takes
    them: only those given (the defaults are the Rust library's, those of ``bitext
    align``), paths as strings. An unknown name is a TypeError (raised natively)."""
    for key in ("glossary", "lexicon"):
        if options.get(key) is not None:
            options[key] = [os.fspath(p) for p in options[key]]
    return options


def align(zh: str, en: str, **options: Any) -> List[Link]:
    """Align a Chinese and an English text. The keyword options are those of ``bitext
    align``: ``level`` ("sentence" or "paragraph"), ``presegmented``, ``builtin_glossary``,
    ``builtin_lexicon``, ``builtin_dictionary``, ``glossary`` and ``lexicon`` (lists of paths), ``srx``,
    ``lexicon_rounds``, ``min_score``, ``keep_doubtful_links``, ``threads``, ``force``."""
    return [Link._from_dict(d) for d in _native.align(zh, en, _align_options(**options))]


def align_files(zh: PathLike, en: PathLike, *, encoding: Optional[str] = None, **options: Any) -> List[Link]:
    """Read (UTF-8, UTF-16 with BOM, GB18030, or ``encoding``) and align two files; the
    other keyword options are those of ``align``."""
    native_options = _align_options(**options)
    native_options["encoding"] = encoding
    return [Link._from_dict(d) for d in _native.align_files(os.fspath(zh), os.fspath(en), native_options)]


def segment(text: str, lang: str, *, srx: Optional[str] = None) -> List[Segment]:
    """Clean and segment one text (``lang`` is ``"zh"`` or ``"en"``), as ``bitext segment``."""
    return [Segment(**d) for d in _native.segment(text, lang, srx)]


def read_corpus(path: PathLike, format: Optional[str] = None) -> List[Link]:
    """Read a corpus (TMX, CSV, TSV, JSONL, ``.gz``; ``format="moses"`` for PREFIX.en + PREFIX.zh)."""
    return [Link._from_dict(d) for d in _native.read_corpus(os.fspath(path), format)]


def write_corpus(
    links: Iterable[Union[Link, Dict[str, Any]]],
    path: PathLike,
    format: Optional[str] = None,
    **options: Any,
) -> int:
    """Write links atomically through the command line's writers (the format follows the
    extension unless ``format`` is given); returns the number of links written. The
    keyword options (defaults those of the command line): ``source`` ("en" or "zh",
    which language comes first), ``en_lang``, ``zh_lang``, ``csv_bom``,
    ``keep_unpaired``, ``keep_all``, ``segtype``. As on the command line, TMX/CSV/TSV
    leave out pairs a TM should not offer (identical sides, a side without letters,
    repeats) unless ``keep_all``."""
    records = [l.to_dict() if isinstance(l, Link) else l for l in links]
    return _native.write_corpus(records, os.fspath(path), format, options)


def score(
    refs: Union[Sequence[str], Sequence[Sequence[str]]],
    hyps: Sequence[str],
    metrics: Optional[Sequence[str]] = None,
    lang: str = "en",
    *,
    tokenize: Optional[str] = None,
    lowercase: bool = False,
) -> Dict[str, float]:
    """Corpus scores identical to sacrebleu 2.6.0, keyed ``BLEU``, ``chrF2``, ``chrF2++``,
    ``TER``. ``refs`` is one reference stream (a list of strings) or several (a list of
    lists, for multi-reference BLEU). ``lang="zh"`` tokenizes BLEU with sacrebleu's zh
    tokenizer; ``tokenize`` names another (13a, intl, char, none). ``metrics`` (``bleu``,
    ``chrf``, ``chrf++``, ``ter``) default to those of ``bitext score``."""
    if isinstance(refs, str) or isinstance(hyps, str):
        raise TypeError("refs and hyps are lists of segments, not strings")
    streams = [list(refs)] if all(isinstance(r, str) for r in refs) else [list(r) for r in refs]
    names = None if metrics is None else list(metrics)
    return _native.score(streams, list(hyps), names, lang, tokenize, lowercase)


def read_manifest(path: PathLike) -> List[tuple]:
    """Document pairs of a ``bitext batch`` manifest: ``(id, zh_path, en_path)``, paths
    resolved against the manifest's folder."""
    return _native.read_manifest(os.fspath(path))
