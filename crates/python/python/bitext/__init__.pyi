import os
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

PathLike = Union[str, os.PathLike[str]]

__version__: str

class BitextError(ValueError): ...
class UnrelatedError(BitextError): ...

class Link:
    zh: str
    en: str
    score: float
    block: Optional[str]
    doc: Optional[str]
    doc_date: Optional[str]
    confirmed: bool
    type: str
    zh_ids: List[int]
    en_ids: List[int]
    anchors: List[str]
    footnote_refs: List[str]
    zh_lang: Optional[str]
    en_lang: Optional[str]
    zh_tmx: Optional[str]
    en_tmx: Optional[str]
    def __init__(
        self,
        zh: str,
        en: str,
        score: float = ...,
        block: Optional[str] = ...,
        doc: Optional[str] = ...,
        zh_ids: Optional[List[int]] = ...,
        en_ids: Optional[List[int]] = ...,
        anchors: Optional[List[str]] = ...,
        type: Optional[str] = ...,
        footnote_refs: Optional[List[str]] = ...,
        zh_lang: Optional[str] = ...,
        en_lang: Optional[str] = ...,
        zh_tmx: Optional[str] = ...,
        en_tmx: Optional[str] = ...,
        doc_date: Optional[str] = ...,
        confirmed: bool = ...,
    ) -> None: ...
    @property
    def is_paired(self) -> bool: ...
    def to_dict(self) -> Dict[str, Any]: ...

class Segment:
    kind: str
    block: Optional[str]
    text: str
    start: int
    end: int
    anchors: List[str]

def align(
    zh: str,
    en: str,
    *,
    level: str = ...,
    presegmented: bool = ...,
    builtin_glossary: bool = ...,
    builtin_lexicon: bool = ...,
    builtin_dictionary: bool = ...,
    glossary: Optional[Sequence[PathLike]] = ...,
    lexicon: Optional[Sequence[PathLike]] = ...,
    srx: Optional[str] = ...,
    lexicon_rounds: int = ...,
    min_score: float = ...,
    keep_doubtful_links: bool = ...,
    threads: int = ...,
    force: bool = ...,
) -> List[Link]: ...
def align_files(
    zh: PathLike,
    en: PathLike,
    *,
    level: str = ...,
    presegmented: bool = ...,
    builtin_glossary: bool = ...,
    builtin_lexicon: bool = ...,
    builtin_dictionary: bool = ...,
    glossary: Optional[Sequence[PathLike]] = ...,
    lexicon: Optional[Sequence[PathLike]] = ...,
    srx: Optional[str] = ...,
    lexicon_rounds: int = ...,
    min_score: float = ...,
    keep_doubtful_links: bool = ...,
    threads: int = ...,
    force: bool = ...,
    encoding: Optional[str] = ...,
) -> List[Link]: ...
def segment(text: str, lang: str, *, srx: Optional[str] = ...) -> List[Segment]: ...
def read_corpus(path: PathLike, format: Optional[str] = ...) -> List[Link]: ...
def write_corpus(
    links: Iterable[Union[Link, Dict[str, Any]]],
    path: PathLike,
    format: Optional[str] = ...,
    *,
    source: str = ...,
    en_lang: str = ...,
    zh_lang: str = ...,
    csv_bom: bool = ...,
    keep_unpaired: bool = ...,
    keep_all: bool = ...,
    segtype: str = ...,
) -> int: ...
def score(
    refs: Union[Sequence[str], Sequence[Sequence[str]]],
    hyps: Sequence[str],
    metrics: Optional[Sequence[str]] = ...,
    lang: str = ...,
    *,
    tokenize: Optional[str] = ...,
    lowercase: bool = ...,
) -> Dict[str, float]: ...
def read_manifest(path: PathLike) -> List[Tuple[str, str, str]]: ...
