//! Corpus writers (and readers) of bitext.
//!
//! A corpus is a stream of [`Record`]s — one per alignment link — written by a
//! [`CorpusWriter`] in one of the [`Format`]s: TSV, CSV (RFC 4180, BOM + CRLF for
//! Excel), TMX 1.4b, JSONL, line-aligned (`moses`) or `links` (unit ids, the
//! evaluation format). Writers take any `impl Write` and stream: memory does not grow
//! with the corpus.
//!
//! ```
//! use bitext_formats::{CorpusWriter, Format, Record, WriterOptions};
//!
//! let mut out = Vec::new();
//! let mut w = CorpusWriter::new(&mut out, Format::Tsv, WriterOptions::default()).unwrap();
//! w.write(&Record::paired("委员会审议了方案。", "The Committee considered the programme.", 0.97)).unwrap();
//! w.finish().unwrap();
//! let text = String::from_utf8(out).unwrap();
//! assert_eq!(text.lines().nth(1).unwrap(), "The Committee considered the programme.\t委员会审议了方案。\t0.970\t\t1-1\t");
//! ```

mod reader;
mod record;
mod tmx;
mod writer;

pub use reader::{read_line_aligned, read_records, read_records_noting, OtherLanguages, Records};
pub use record::{Record, RecordMeta};
pub use writer::{CorpusWriter, Format, Stats, TmFlaw, WriterOptions};

/// Errors of the formats crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("write failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("unknown format {0:?} (expected tsv, csv, tmx, jsonl, moses or links)")]
    UnknownFormat(String),
    #[error("{name}{}: {message}", if *line > 0 { format!(", line {line}") } else { String::new() })]
    Parse {
        name: String,
        line: usize,
        message: String,
    },
}
