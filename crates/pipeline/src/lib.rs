//! The bitext document pipeline as a library: from two texts (or files) to an
//! [`Alignment`] you can iterate as corpus records and hand to any writer.
//!
//! Stages, each usable on its own: [`input`] decodes files in any common encoding →
//! the language crates segment them (cleaning PDF-extraction debris) → [`units`] turns
//! sentences or paragraphs into aligner units → [`bitext_align`] links them →
//! [`Alignment::records`] gives one [`Record`] per link → [`corpus`] writes them
//! atomically in any [`Format`]. [`pairing`] pairs whole collections (by file name,
//! manifest, or shard). Nothing here prints or exits; errors are [`Error`]s that name
//! the file at fault.
//!
//! ```
//! use bitext_pipeline::{Aligner, Level};
//!
//! let aligner = Aligner::builder().level(Level::Sentence).build()?;
//! let alignment = aligner.align(
//!     "1. 委员会审议了第77/278号决议。委员会建议核准该方案。",
//!     "1. The Committee considered resolution 77/278. The Committee recommended approval of the programme.",
//! )?;
//! let records: Vec<_> = alignment.records().collect();
//! assert_eq!(records.len(), 2);
//! assert_eq!(records[0].en, "The Committee considered resolution 77/278.");
//! assert_eq!(records[0].block.as_deref(), Some("1"));
//! # Ok::<(), bitext_pipeline::Error>(())
//! ```
//!
//! Files, with the corpus written as TMX:
//!
//! ```no_run
//! use bitext_pipeline::{corpus::CorpusOutput, Aligner, Error, WriterOptions};
//! use std::path::Path;
//!
//! let aligner = Aligner::builder().glossary("my-terms.tsv").build()?;
//! let alignment = aligner.align_files(Path::new("zh.txt"), Path::new("en.txt"))?;
//! alignment.check_related()?;
//! let out = CorpusOutput::new(None, Some(Path::new("corpus.tmx")))?;
//! out.write::<Error>(&WriterOptions::default(), alignment.records().map(Ok))?;
//! # Ok::<(), Error>(())
//! ```

mod aligner;
pub mod batch;
pub mod corpus;
mod error;
pub mod glossary;
pub mod output;
pub mod pairing;
pub mod srx;
pub mod units;

/// The read stage ([`bitext_input`]), where the pipeline takes its inputs.
pub use bitext_input as input;
pub use bitext_input::{docx, metadata, office, pdf};

pub use aligner::{
    check_languages, load_config, AlignOptions, Aligner, AlignerBuilder, Alignment, MAX_THREADS,
};
pub use bitext_core::{Document, Lang, Link};
pub use bitext_formats::{Format, OtherLanguages, Record, RecordMeta, Stats, WriterOptions};
pub use error::{Error, OptionNames, Result};
pub use units::{Level, Side};
