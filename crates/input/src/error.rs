//! The read stage's typed errors: each names the file and says what is wrong.

/// Result of reading an input.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong between a path on disk and its text.
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
    /// Anything else wrong with an input file as a whole.
    #[error("{name}: {message}")]
    Invalid { name: String, message: String },
    /// A packaged document that expands past its limit
    /// ([`ReadOptions::max_expanded_mb`](crate::ReadOptions::max_expanded_mb)).
    #[error("{name}: {part} expands to more than {limit_mb} MB in all (a compressed-file bomb, or a very large document); raise the limit (`max_expanded_mb`) if the document is genuine")]
    Expanded {
        name: String,
        part: String,
        limit_mb: u64,
    },
    /// A setting out of its range.
    #[error("{0}")]
    Option(String),
}

impl Error {
    pub(crate) fn invalid(name: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            name: name.into(),
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
