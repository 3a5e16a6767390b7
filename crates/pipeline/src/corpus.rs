//! Corpus files: writing a record stream to its targets (one file, standard output, or
//! a `PREFIX.en` + `PREFIX.zh` pair), atomically and gzip-compressed for `.gz`, and
//! reading corpora in any format.
//!
//! ```
//! use bitext_formats::{Format, Record, WriterOptions};
//! use bitext_pipeline::corpus::{read_corpus, CorpusOutput};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("tm.tmx");
//! let out = CorpusOutput::new(None, Some(&path)).unwrap(); // the format follows the name
//! let record = Record::paired("委员会审议了方案。", "The Committee considered the programme.", 0.97);
//! out.write::<bitext_pipeline::Error>(&WriterOptions::default(), [Ok(record.clone())].into_iter()).unwrap();
//! let back: Vec<Record> = read_corpus(&path, Format::Tmx).unwrap().collect::<Result<_, _>>().unwrap();
//! assert_eq!((back[0].zh.as_str(), back[0].en.as_str()), (record.zh.as_str(), record.en.as_str()));
//! ```

use crate::error::{Error, Result};
use crate::output::{self, Target, WritePolicy};
use bitext_formats::{
    read_line_aligned, read_records_noting, CorpusWriter, Format, OtherLanguages, Record, Stats,
    WriterOptions,
};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// Where and how a corpus is written.
#[derive(Debug)]
pub struct CorpusOutput {
    format: Format,
    targets: Vec<Target>,
    gzip: bool,
}

/// `PREFIX.ext` (the prefix may itself contain dots).
pub fn with_suffix(prefix: &Path, ext: &str) -> PathBuf {
    let mut p = prefix.to_path_buf().into_os_string();
    p.push(format!(".{ext}"));
    PathBuf::from(p)
}

impl CorpusOutput {
    /// `format` wins; else the extension of `output`; else TSV. `None` (or `-`) is
    /// standard output.
    /// A name with an extension bitext does not write (`.xlsx`) is an error, not TSV.
    pub fn new(format: Option<Format>, output: Option<&Path>) -> Result<Self> {
        let from_name = output.filter(|p| p.as_os_str() != "-").and_then(|p| {
            let known = Format::from_path(p);
            let ext = p.extension().map(|e| e.to_string_lossy().to_lowercase());
            match (known, ext) {
                (Some(f), _) => Some(Ok(f)),
                (None, Some(ext)) if format.is_none() => Some(Err(Error::Option(format!(
                    "{}: cannot tell the output format from the extension .{ext}; name it with -f tsv|csv|tmx|jsonl|moses|links (or use one of .tsv .csv .tmx .jsonl, optionally .gz)",
                    p.display()
                )))),
                _ => None,
            }
        });
        let format = match (format, from_name) {
            (Some(f), _) => f,
            (None, Some(found)) => found?,
            (None, None) => Format::Tsv,
        };
        let targets = if format == Format::Moses {
            let prefix = output.ok_or_else(|| {
                Error::Option("-f moses needs -o PREFIX (it writes PREFIX.en and PREFIX.zh)".into())
            })?;
            vec![
                Target::File(with_suffix(prefix, "en")),
                Target::File(with_suffix(prefix, "zh")),
            ]
        } else {
            vec![Target::from_arg(output)]
        };
        let gzip = matches!(&targets[0], Target::File(p) if p.to_string_lossy().to_lowercase().ends_with(".gz"));
        Ok(CorpusOutput {
            format,
            targets,
            gzip,
        })
    }

    /// The format that will be written.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Before any work: the outputs can be created and overwrite none of `inputs`
    /// (read-only files refused).
    pub fn check(&self, inputs: &[&str]) -> Result<()> {
        self.check_with(inputs, &WritePolicy::default())
    }

    /// [`CorpusOutput::check`] under a policy (`--force` replaces read-only files).
    pub fn check_with(&self, inputs: &[&str], policy: &WritePolicy) -> Result<()> {
        self.targets
            .iter()
            .try_for_each(|t| t.check_with(inputs, policy))
    }

    /// Stream the records out. The returned [`Stats`] say what the writer had to change
    /// (control characters removed, line breaks flattened) for the caller to report.
    pub fn write<E>(
        &self,
        options: &WriterOptions,
        records: impl Iterator<Item = Result<Record, E>>,
    ) -> Result<Stats, E>
    where
        E: From<Error>,
    {
        let corpus_error = |e: bitext_formats::Error| {
            E::from(Error::Corpus {
                name: self.name(),
                source: e,
            })
        };
        let mut stats = Stats::default();
        if self.format == Format::Moses {
            output::write_pair_atomically::<E, _>(&self.targets[0], &self.targets[1], |en, zh| {
                let mut w = CorpusWriter::moses(en, zh, options.clone());
                for r in records {
                    w.write(&r?).map_err(corpus_error)?;
                }
                stats = w.finish().map_err(corpus_error)?;
                Ok(())
            })?;
        } else {
            output::write_atomically::<E, _>(&self.targets[0], |out| {
                let mut gz_out;
                let sink: &mut dyn Write = if self.gzip {
                    gz_out = flate2::write::GzEncoder::new(out, flate2::Compression::default());
                    &mut gz_out
                } else {
                    out
                };
                let mut w =
                    CorpusWriter::new(sink, self.format, options.clone()).map_err(corpus_error)?;
                for r in records {
                    w.write(&r?).map_err(corpus_error)?;
                }
                stats = w.finish().map_err(corpus_error)?;
                Ok(())
            })?;
        }
        Ok(stats)
    }

    fn name(&self) -> String {
        match &self.targets[0] {
            Target::Stdout => "<stdout>".into(),
            Target::File(p) => p.display().to_string(),
        }
    }
}

fn open(path: &Path, encoding: Option<&'static encoding_rs::Encoding>) -> Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path).map_err(|e| Error::Read {
        name: path.display().to_string(),
        reason: format!("cannot read: {e}"),
    })?;
    let raw: Box<dyn std::io::Read> = if path.to_string_lossy().to_lowercase().ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    // A UTF-16 file (a TMX from some CAT tools) is transcoded to UTF-8 by its BOM,
    // a file in a named legacy encoding likewise; UTF-8 passes through (its BOM
    // removed).
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(encoding)
        .bom_sniffing(true)
        .utf8_passthru(true)
        .strip_bom(true)
        .build(raw);
    Ok(Box::new(BufReader::new(decoded)))
}

/// A stream of corpus records, each a result.
pub type RecordStream = Box<dyn Iterator<Item = Result<Record>>>;

/// Records of a corpus file (`.gz` decompressed), or of `PREFIX.en` + `PREFIX.zh` for
/// [`Format::Moses`]: UTF-8, or UTF-16 with a BOM.
pub fn read_corpus(path: &Path, format: Format) -> Result<RecordStream> {
    read_corpus_with(path, format, None)
}

/// [`read_corpus`] of a file in a named encoding (a BOM still wins).
pub fn read_corpus_with(
    path: &Path,
    format: Format,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<RecordStream> {
    read_corpus_noting(path, format, encoding, OtherLanguages::default())
}

/// [`read_corpus_with`], counting in `other` the segments in languages other than
/// Chinese and English that a multilingual TMX holds (they are not read).
pub fn read_corpus_noting(
    path: &Path,
    format: Format,
    encoding: Option<&'static encoding_rs::Encoding>,
    other: OtherLanguages,
) -> Result<RecordStream> {
    let name = path.display().to_string();
    let wrap = move |name: String| {
        move |r: Result<Record, bitext_formats::Error>| {
            r.map_err(|source| Error::Corpus {
                name: name.clone(),
                source,
            })
        }
    };
    if format == Format::Moses {
        let en = open(&with_suffix(path, "en"), encoding)?;
        let zh = open(&with_suffix(path, "zh"), encoding)?;
        return Ok(Box::new(read_line_aligned(en, zh).map(wrap(name))));
    }
    let records =
        read_records_noting(open(path, encoding)?, format, &name, other).map_err(|e| {
            Error::Invalid {
                name: name.clone(),
                message: format!("cannot read: {e}"),
            }
        })?;
    Ok(Box::new(records.map(wrap(name))))
}

/// A record read from a corpus as the checks see it (`bitext check CORPUS`): its text
/// segmented here, the first time, for each side's anchors and length (anchors and
/// length do not depend on alignment options). A corpus without scores (a vendor TM)
/// reads as 1.0: not doubted.
pub fn link_text(record: Record) -> bitext_qa::LinkText {
    static SEGMENTERS: std::sync::OnceLock<(
        bitext_segment_zh::ChineseSegmenter,
        bitext_segment_en::EnglishSegmenter,
    )> = std::sync::OnceLock::new();
    let (zh, en) = SEGMENTERS.get_or_init(|| {
        (
            bitext_segment_zh::ChineseSegmenter::new(),
            bitext_segment_en::EnglishSegmenter::new(),
        )
    });
    bitext_qa::LinkText {
        score: Some(record.score),
        en: record.en,
        zh: record.zh,
        doc: record.meta.doc,
        block: record.block,
        ..Default::default()
    }
    .found_by(zh, en)
}

/// The format a corpus path names by its extension, or `from` when given.
pub fn corpus_format(path: &Path, from: Option<Format>) -> Result<Format> {
    match from {
        Some(f) => Ok(f),
        None => Format::from_path(path).ok_or_else(|| {
            Error::invalid(
                path.display().to_string(),
                "cannot tell the format from the name; name it (`format`: tmx, csv, tsv, jsonl or moses)",
            )
        }),
    }
}

/// The TMX `creationdate` of now (`YYYYMMDDThhmmssZ`), or of `SOURCE_DATE_EPOCH` when
/// set, which makes output reproducible.
pub fn creation_date() -> String {
    // SOURCE_DATE_EPOCH makes output reproducible.
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
