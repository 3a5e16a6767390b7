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
    /// An input that cannot be read as text (see [`bitext_input::Error`]).
    #[error(transparent)]
    Input(#[from] bitext_input::Error),
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

/// How a front end names the library's options in messages. A library message names
/// an option in backticks as its field is named (`` `zh_encoding` ``, `` `min_score` ``,
/// `` `force` ``); a front end renders it as its users know it: the command line's
/// flag, Python's keyword. Text in backticks that is no known option is left as it is.
///
/// ```
/// use bitext_pipeline::OptionNames;
///
/// let cli = OptionNames::new([("zh_encoding", "--zh-encoding")]);
/// assert_eq!(cli.render("name the encoding (`zh_encoding`, e.g. big5)"), "name the encoding (--zh-encoding, e.g. big5)");
/// assert_eq!(cli.render("unknown variant `explode`"), "unknown variant `explode`");
/// ```
#[derive(Debug, Clone, Default)]
pub struct OptionNames {
    names: Vec<(String, String)>,
}

impl OptionNames {
    /// An error and its causes on one line, each said once, options named as the
    /// front end names them (the line a batch report and the command line show).
    pub fn describe(&self, e: &(dyn std::error::Error + 'static)) -> String {
        let mut text = e.to_string();
        let mut cause = e.source();
        while let Some(c) = cause {
            let c_text = c.to_string();
            if !text.contains(&c_text) {
                text.push_str(": ");
                text.push_str(&c_text);
            }
            cause = c.source();
        }
        self.render(&text)
    }

    /// Option names (as the library spells them) and how the front end says them.
    pub fn new<N: Into<String>, F: Into<String>>(names: impl IntoIterator<Item = (N, F)>) -> Self {
        OptionNames {
            names: names
                .into_iter()
                .map(|(n, f)| (format!("`{}`", n.into()), f.into()))
                .collect(),
        }
    }

    /// `text` with every known option in backticks said the front end's way.
    pub fn render(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (option, said) in &self.names {
            if out.contains(option.as_str()) {
                out = out.replace(option.as_str(), said);
            }
        }
        out
    }
}

/// A parse error names its file and line already; others get the file name.
fn corpus_message(name: &str, source: &bitext_formats::Error) -> String {
    match source {
        bitext_formats::Error::Parse { .. } => source.to_string(),
        _ => format!("{name}: {source}"),
    }
}
