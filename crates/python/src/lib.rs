//! `bitext._native`: the PyO3 layer of the Python package. No logic of its own: it
//! converts Python values to the pipeline's options and records and back, releases the
//! GIL while Rust works, and turns the pipeline's errors into Python exceptions with
//! the command line's messages. The public API (`bitext.align`, …) is the Python
//! module `bitext` around it.

use bitext_mteval::inputs::{check_streams, default_tokenizer};
use bitext_mteval::{corpus_score, Metric, MetricOptions, Tokenizer};
use bitext_pipeline::batch::{self, BatchOptions};
use bitext_pipeline::corpus::{
    corpus_format, creation_date, read_corpus as read_records, CorpusOutput,
};
use bitext_pipeline::input::{encoding_for, ReadOptions};
use bitext_pipeline::pairing::{pairs_from_manifest, DocumentPair};
use bitext_pipeline::{
    AlignOptions, Aligner, Error, Format, Lang, Level, OptionNames, Record, RecordMeta,
    WriterOptions,
};
use pyo3::create_exception;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

create_exception!(
    _native,
    BitextError,
    pyo3::exceptions::PyValueError,
    "An input or option bitext cannot use; the message names the file and what is wrong."
);
create_exception!(
    _native,
    UnrelatedError,
    BitextError,
    "The two documents do not look like translations of each other."
);

fn to_py(e: Error) -> PyErr {
    match e {
        Error::Unrelated { .. } => UnrelatedError::new_err(format!(
            "{e}; nothing aligned. Pass force=True to align anyway."
        )),
        e => BitextError::new_err(keyword_names().describe(&e)),
    }
}

/// The keywords of the library's options, for messages (`` `zh_encoding` `` →
/// `zh_encoding=`).
fn keyword_names() -> OptionNames {
    OptionNames::new([
        ("zh_encoding", "zh_encoding="),
        ("en_encoding", "en_encoding="),
        ("format", "format="),
        ("force", "force=True"),
        ("keep_unrelated", "force=True"),
        ("min_score", "min_score"),
    ])
}

/// Keyword options from Python, each taken once; a name left over is a TypeError.
struct Options<'py> {
    dict: BTreeMap<String, Bound<'py, PyAny>>,
}

impl<'py> Options<'py> {
    fn new(dict: Option<&Bound<'py, PyDict>>) -> PyResult<Self> {
        let mut map = BTreeMap::new();
        if let Some(d) = dict {
            for (k, v) in d.iter() {
                if !v.is_none() {
                    map.insert(k.extract::<String>()?, v);
                }
            }
        }
        Ok(Options { dict: map })
    }

    fn take<T: FromPyObject<'py>>(&mut self, key: &str) -> PyResult<Option<T>> {
        match self.dict.remove(key) {
            None => Ok(None),
            Some(v) => v
                .extract()
                .map(Some)
                .map_err(|e| PyTypeError::new_err(format!("{key}: {e}"))),
        }
    }

    fn finish(self) -> PyResult<()> {
        match self.dict.keys().next() {
            None => Ok(()),
            Some(k) => Err(PyTypeError::new_err(format!(
                "unexpected keyword argument {k:?}"
            ))),
        }
    }

    fn align_options(&mut self) -> PyResult<AlignOptions> {
        let mut o = AlignOptions::default();
        if let Some(level) = self.take::<String>("level")? {
            o.level = match level.as_str() {
                "sentence" => Level::Sentence,
                "paragraph" => Level::Paragraph,
                _ => {
                    return Err(BitextError::new_err(format!(
                        "level must be 'sentence' or 'paragraph', got {level:?}"
                    )))
                }
            };
        }
        if let Some(v) = self.take("presegmented")? {
            o.presegmented = v;
        }
        if let Some(v) = self.take("builtin_glossary")? {
            o.builtin_glossary = v;
        }
        if let Some(v) = self.take("builtin_lexicon")? {
            o.builtin_lexicon = v;
        }
        if let Some(v) = self.take("builtin_dictionary")? {
            o.builtin_dictionary = v;
        }
        if let Some(v) = self.take::<Vec<PathBuf>>("glossary")? {
            o.glossaries = v;
        }
        if let Some(v) = self.take::<Vec<PathBuf>>("lexicon")? {
            o.lexicons = v;
        }
        o.srx = self.take("srx")?;
        if let Some(v) = self.take("lexicon_rounds")? {
            o.lexicon_rounds = v;
        }
        if let Some(v) = self.take("min_score")? {
            o.min_score = v;
        }
        if let Some(v) = self.take::<bool>("keep_doubtful_links")? {
            o.verify_links = !v;
        }
        if let Some(v) = self.take("threads")? {
            o.threads = v;
        }
        if let Some(label) = self.take::<String>("encoding")? {
            let encoding = encoding_for(&label).map_err(|e| to_py(e.into()))?;
            o.zh_encoding = Some(encoding);
            o.en_encoding = Some(encoding);
        }
        for (key, side) in [
            ("zh_encoding", &mut o.zh_encoding),
            ("en_encoding", &mut o.en_encoding),
        ] {
            if let Some(label) = self.take::<String>(key)? {
                *side = Some(encoding_for(&label).map_err(|e| to_py(e.into()))?);
            }
        }
        Ok(o)
    }

    fn writer_options(&mut self, segtype: &str) -> PyResult<WriterOptions> {
        let mut o = WriterOptions {
            segtype: segtype.into(),
            creation_date: creation_date(),
            ..WriterOptions::default()
        };
        if let Some(source) = self.take::<String>("source")? {
            o.source_is_en = match source.as_str() {
                "en" => true,
                "zh" => false,
                _ => {
                    return Err(BitextError::new_err(format!(
                        "source must be 'en' or 'zh', got {source:?}"
                    )))
                }
            };
        }
        if let Some(v) = self.take("en_lang")? {
            o.en_lang = v;
        }
        if let Some(v) = self.take("zh_lang")? {
            o.zh_lang = v;
        }
        if let Some(v) = self.take::<bool>("csv_bom")? {
            o.csv_bom = v;
        }
        if let Some(v) = self.take("keep_unpaired")? {
            o.keep_unpaired = v;
        }
        if let Some(keep_all) = self.take::<bool>("keep_all")? {
            o.tm_hygiene = !keep_all;
        }
        Ok(o)
    }
}

fn record_to_dict<'py>(py: Python<'py>, r: &Record) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("zh", &r.zh)?;
    d.set_item("en", &r.en)?;
    d.set_item("score", r.score)?;
    d.set_item("block", &r.block)?;
    d.set_item("confirmed", r.confirmed)?;
    d.set_item("type", r.link_type())?;
    d.set_item("zh_ids", &r.zh_ids)?;
    d.set_item("en_ids", &r.en_ids)?;
    d.set_item("anchors", &r.anchors)?;
    d.set_item("footnote_refs", &r.footnote_refs)?;
    for (name, value) in r.meta.fields() {
        d.set_item(name, value)?;
    }
    Ok(d)
}

fn dict_to_record(d: &Bound<'_, PyAny>) -> PyResult<Record> {
    let get = |key: &str| d.get_item(key);
    let opt = |key: &str| -> PyResult<Option<String>> {
        match d.get_item(key) {
            Ok(v) if !v.is_none() => Ok(Some(v.extract()?)),
            _ => Ok(None),
        }
    };
    Ok(Record {
        zh: get("zh")?.extract()?,
        en: get("en")?.extract()?,
        score: get("score")?.extract()?,
        block: opt("block")?,
        confirmed: match d.get_item("confirmed") {
            Ok(v) if !v.is_none() => v.extract()?,
            _ => false,
        },
        zh_ids: get("zh_ids")?.extract()?,
        en_ids: get("en_ids")?.extract()?,
        anchors: match d.get_item("anchors") {
            Ok(v) if !v.is_none() => v.extract()?,
            _ => Vec::new(),
        },
        footnote_refs: match d.get_item("footnote_refs") {
            Ok(v) if !v.is_none() => v.extract()?,
            _ => Vec::new(),
        },
        meta: {
            let mut meta = RecordMeta::default();
            for name in RecordMeta::NAMES {
                meta.set(name, opt(name)?);
            }
            meta
        },
    })
}

fn records_to_list<'py>(py: Python<'py>, records: &[Record]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for r in records {
        list.append(record_to_dict(py, r)?)?;
    }
    Ok(list)
}

/// The records of an alignment; unrelated documents are an error unless `force`.
fn related_records(
    alignment: Result<bitext_pipeline::Alignment, Error>,
    force: bool,
) -> Result<Vec<Record>, Error> {
    let alignment = alignment?;
    if !force {
        alignment.check_related()?;
    }
    Ok(alignment.records().collect())
}

/// Options in, the GIL released while `run` aligns with them, records out.
fn aligned<'py>(
    py: Python<'py>,
    options: Option<&Bound<'py, PyDict>>,
    run: impl FnOnce(&Aligner) -> Result<bitext_pipeline::Alignment, Error> + Send,
) -> PyResult<Bound<'py, PyList>> {
    let mut opts = Options::new(options)?;
    let align_options = opts.align_options()?;
    let force: bool = opts.take("force")?.unwrap_or(false);
    opts.finish()?;
    let records = py
        .allow_threads(|| related_records(run(&Aligner::new(align_options)?), force))
        .map_err(to_py)?;
    records_to_list(py, &records)
}

/// align(zh, en, options) -> list[dict]
#[pyfunction]
#[pyo3(signature = (zh, en, options=None))]
fn align<'py>(
    py: Python<'py>,
    zh: String,
    en: String,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    aligned(py, options, |aligner| aligner.align(&zh, &en))
}

/// align_files(zh_path, en_path, options) -> list[dict]
#[pyfunction]
#[pyo3(signature = (zh, en, options=None))]
fn align_files<'py>(
    py: Python<'py>,
    zh: PathBuf,
    en: PathBuf,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    aligned(py, options, |aligner| aligner.align_files(&zh, &en))
}

/// segment(text, lang, srx) -> list[dict]; offsets are character offsets into `text`.
#[pyfunction]
#[pyo3(signature = (text, lang, srx=None))]
fn segment<'py>(
    py: Python<'py>,
    text: String,
    lang: &str,
    srx: Option<String>,
) -> PyResult<Bound<'py, PyList>> {
    let lang: Lang = lang
        .parse()
        .map_err(|_| BitextError::new_err(format!("lang must be 'zh' or 'en', got {lang:?}")))?;
    let doc = py
        .allow_threads(|| {
            let aligner = Aligner::new(AlignOptions {
                srx,
                builtin_glossary: false,
                builtin_lexicon: false,
                builtin_dictionary: false,
                ..AlignOptions::default()
            })?;
            Ok::<_, Error>(aligner.segment(&text, lang))
        })
        .map_err(to_py)?;
    let list = PyList::empty(py);
    let mut chars = CharOffsets::new(&text);
    for block in &doc.blocks {
        for s in &block.sentences {
            let d = PyDict::new(py);
            d.set_item("kind", block.kind.as_str())?;
            d.set_item("block", &block.label)?;
            d.set_item("text", &s.text)?;
            d.set_item("start", chars.at(s.start))?;
            d.set_item("end", chars.at(s.end))?;
            let anchors = bitext_core::Anchor::keys(&s.anchors);
            d.set_item("anchors", anchors)?;
            list.append(d)?;
        }
    }
    Ok(list)
}

/// Byte offsets → character offsets, counting forward from the last one asked.
struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    char: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            char: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if byte < self.byte {
            self.byte = 0;
            self.char = 0;
        }
        self.char += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.char
    }
}

fn format_arg(path: &Path, format: Option<&str>) -> PyResult<Format> {
    let given = format
        .map(Format::from_name)
        .transpose()
        .map_err(|e| BitextError::new_err(e.to_string()))?;
    corpus_format(path, given).map_err(to_py)
}

/// read_corpus(path, format) -> list[dict]
#[pyfunction]
#[pyo3(signature = (path, format=None))]
fn read_corpus<'py>(
    py: Python<'py>,
    path: PathBuf,
    format: Option<&str>,
) -> PyResult<Bound<'py, PyList>> {
    let format = format_arg(&path, format)?;
    let records = py
        .allow_threads(|| read_records(&path, format)?.collect::<Result<Vec<_>, _>>())
        .map_err(to_py)?;
    records_to_list(py, &records)
}

/// write_corpus(records, path, format, options) -> number of records written
#[pyfunction]
#[pyo3(signature = (records, path, format=None, options=None))]
fn write_corpus<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    path: PathBuf,
    format: Option<&str>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<usize> {
    let mut opts = Options::new(options)?;
    let segtype: String = opts.take("segtype")?.unwrap_or_else(|| "sentence".into());
    let writer = opts.writer_options(&segtype)?;
    opts.finish()?;
    let given = format
        .map(Format::from_name)
        .transpose()
        .map_err(|e| BitextError::new_err(e.to_string()))?;
    let records: Vec<Record> = records
        .try_iter()?
        .map(|r| dict_to_record(&r?))
        .collect::<PyResult<_>>()?;
    let stats = py
        .allow_threads(|| {
            let out = CorpusOutput::new(given, Some(&path))?;
            out.check(&[])?;
            out.write::<Error>(&writer, records.into_iter().map(Ok))
        })
        .map_err(to_py)?;
    Ok(stats.records)
}

/// score(refs, hyps, metrics, lang, tokenize, lowercase) -> dict[name, score]; metrics
/// `None` are the command line's default ones.
#[pyfunction]
#[pyo3(signature = (refs, hyps, metrics=None, lang="en", tokenize=None, lowercase=false))]
fn score<'py>(
    py: Python<'py>,
    refs: Vec<Vec<String>>,
    hyps: Vec<String>,
    metrics: Option<Vec<String>>,
    lang: &str,
    tokenize: Option<&str>,
    lowercase: bool,
) -> PyResult<Bound<'py, PyDict>> {
    if !matches!(lang, "zh" | "en") {
        return Err(BitextError::new_err(format!(
            "lang must be 'zh' or 'en', got {lang:?}"
        )));
    }
    let ref_names: Vec<String> = (0..refs.len()).map(|k| k.to_string()).collect();
    check_streams(
        &["hyps".to_string()],
        std::slice::from_ref(&hyps),
        &ref_names,
        &refs,
    )
    .map_err(|e| BitextError::new_err(e.to_string()))?;
    let tokenizer = match tokenize {
        Some(t) => Tokenizer::from_name(t).ok_or_else(|| {
            BitextError::new_err(format!(
                "unknown tokenizer {t:?} (zh, 13a, intl, char, none)"
            ))
        })?,
        None => default_tokenizer(lang),
    };
    let options = MetricOptions {
        lowercase,
        ..MetricOptions::default()
    };
    let names = metrics.unwrap_or_else(|| {
        bitext_mteval::DEFAULT_METRICS
            .split(',')
            .map(str::to_string)
            .collect()
    });
    let metrics: Vec<Metric> = names
        .iter()
        .map(|m| Metric::from_name(m, tokenizer, &options))
        .collect::<Result<_, _>>()
        .map_err(|e| BitextError::new_err(e.to_string()))?;
    let scores: Vec<(String, f64)> = py.allow_threads(|| {
        metrics
            .iter()
            .map(|m| {
                let s = corpus_score(m, &hyps, &refs);
                (s.name, s.score)
            })
            .collect()
    });
    let d = PyDict::new(py);
    for (name, value) in scores {
        d.set_item(name, value)?;
    }
    Ok(d)
}

/// align_document(id, zh_path, en_path, options) -> (report as JSON, list[dict]): one
/// document of a batch, exactly as `bitext batch` aligns it (a failed or unrelated
/// document is a report, not an exception; the records carry the document id).
#[pyfunction]
#[pyo3(signature = (id, zh, en, options=None))]
fn align_document<'py>(
    py: Python<'py>,
    id: String,
    zh: PathBuf,
    en: PathBuf,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(String, Bound<'py, PyList>)> {
    let mut opts = Options::new(options)?;
    let align_options = opts.align_options()?;
    let keep_unrelated: bool = opts.take("force")?.unwrap_or(false);
    opts.finish()?;
    let read = |encoding| ReadOptions {
        encoding,
        ..ReadOptions::default()
    };
    let batch = BatchOptions {
        zh_read: read(align_options.zh_encoding),
        en_read: read(align_options.en_encoding),
        keep_unrelated,
        names: keyword_names(),
        ..BatchOptions::default()
    };
    let pair = DocumentPair { id, zh, en };
    let (report, records) = py
        .allow_threads(|| -> Result<_, Error> {
            let aligner = Aligner::new(align_options)?;
            Ok(batch::align_document(&aligner, &pair, &batch, None))
        })
        .map_err(to_py)?;
    let report = serde_json::to_string(&report)
        .map_err(|e| BitextError::new_err(format!("cannot convert the report: {e}")))?;
    Ok((report, records_to_list(py, &records)?))
}

/// read_manifest(path) -> list[(id, zh_path, en_path)], paths resolved as `bitext batch` does.
#[pyfunction]
fn read_manifest(py: Python<'_>, path: PathBuf) -> PyResult<Vec<(String, String, String)>> {
    let pairs = py
        .allow_threads(|| pairs_from_manifest(&path))
        .map_err(to_py)?;
    Ok(pairs
        .into_iter()
        .map(|p| (p.id, p.zh.display().to_string(), p.en.display().to_string()))
        .collect())
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("BitextError", m.py().get_type::<BitextError>())?;
    m.add("UnrelatedError", m.py().get_type::<UnrelatedError>())?;
    m.add_function(wrap_pyfunction!(align, m)?)?;
    m.add_function(wrap_pyfunction!(align_files, m)?)?;
    m.add_function(wrap_pyfunction!(segment, m)?)?;
    m.add_function(wrap_pyfunction!(read_corpus, m)?)?;
    m.add_function(wrap_pyfunction!(write_corpus, m)?)?;
    m.add_function(wrap_pyfunction!(score, m)?)?;
    m.add_function(wrap_pyfunction!(read_manifest, m)?)?;
    m.add_function(wrap_pyfunction!(align_document, m)?)?;
    m.add("RECORD_META_FIELDS", RecordMeta::NAMES.to_vec())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
