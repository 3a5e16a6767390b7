//! The pipeline's typed errors. Every message names the file (and line, where there
//! is one) and says what is wrong, so a front end can show it as it is.

use std::path::PathBuf;

/// Result of the pipeline's operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong between a path on disk and a written corpus.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read (missing, permission, a directory …).
    #[error("{name}: {reason}")]
    Read { name: String, reason: String },
    /// The bytes are not text in any encoding we can tell (or not in the named one).
    #[error("{name}: {message}")]
    Decode { name: String, message: String },
    /// Empty (or white-space only) input where text is needed.
    #[error("{name}: the file is empty (or only white space); nothing to align")]
    Empty { name: String },
    /// The inputs are not Chinese and English in that order.
    #[error("{0}")]
    Languages(String),
    /// Two texts that are not translations of each other.
    #[error("the documents look unrelated: only {:.0}% of the units found a counterpart (anchor agreement {:.0}%, mean link confidence {:.0}%)", .paired_share * 100.0, .anchor_agreement * 100.0, .mean_confidence * 100.0)]
    Unrelated {
        paired_share: f64,
        anchor_agreement: f64,
        mean_confidence: f64,
    },
    /// A malformed line in a glossary, lexicon or manifest.
    #[error("{name}, line {line}: {message}")]
    Line {
        name: String,
        line: usize,
        message: String,
    },
    /// Anything else wrong with an input file as a whole (SRX rules, a corpus).
    #[error("{name}: {message}")]
    Invalid { name: String, message: String },
    /// A corpus could not be read or written.
    #[error("{}", corpus_message(.name, .source))]
    Corpus {
        name: String,
        #[source]
        source: bitext_formats::Error,
    },
    /// Writing an output failed.
    #[error("{}: {message}", .path.display())]
    Write { path: PathBuf, message: String },
    /// A packaged document that expands past its limit
    /// ([`ReadOptions::max_expanded_mb`](crate::input::ReadOptions::max_expanded_mb)).
    #[error("{name}: {part} expands to more than {limit_mb} MB in all (a compressed-file bomb, or a very large document); raise the limit if the document is genuine")]
    Expanded {
        name: String,
        part: String,
        limit_mb: u64,
    },
    /// A setting out of its range.
    #[error("{0}")]
    Option(String),
    /// A batch was cancelled (an interrupt) before all its documents were aligned.
    #[error("interrupted")]
    Interrupted,
    /// I/O on a stream without a name (standard output).
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Error {
    pub(crate) fn invalid(name: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            name: name.into(),
            message: message.into(),
        }
    }

    pub(crate) fn line(name: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Error::Line {
            name: name.into(),
            line,
            message: message.into(),
        }
    }
}

/// A short reason for an I/O error, as users read it.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// A parse error names its file and line already; others get the file name.
fn corpus_message(name: &str, source: &bitext_formats::Error) -> String {
    match source {
        bitext_formats::Error::Parse { .. } => source.to_string(),
        _ => format!("{name}: {source}"),
    }
}
