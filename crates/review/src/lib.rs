//! Review an alignment before it becomes a TM: a review project (rows a reviewer
//! links, unlinks, merges, splits, edits and confirms, with undo and redo, saved
//! atomically after every edit) and a local web server that shows it side by side in
//! the browser (its page embedded in the binary: no network needed).
//!
//! ```
//! use bitext_review::project::{Project, Row, Side};
//! use bitext_review::server::{ReviewServer, ServeOptions};
//!
//! let dir = tempfile::tempdir()?;
//! let project = Project::new(vec![Row::new(vec!["委员会开会。".into()], vec!["The Committee met.".into()], 0.97, None)]);
//! let no_anchors = |_: &str, _: Side| Vec::new();
//! let server = ReviewServer::bind(project, dir.path().join("r.review.json"), Box::new(no_anchors), ServeOptions::default())?;
//! // Only requests carrying the run's token are served, on 127.0.0.1 only.
//! assert!(server.url().starts_with("http://127.0.0.1:"));
//! assert!(server.url().contains("?token="));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod build;
pub mod project;
pub mod server;

/// What can go wrong in a review.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An edit made on an older version of the project (another tab moved on).
    #[error("the project changed since this page loaded it (version {yours}, now {current}); reload to see the other edits")]
    Stale { yours: u64, current: u64 },
    /// An edit that cannot be applied.
    #[error("{0}")]
    Edit(String),
    /// A project file that cannot be read.
    #[error("{name}: {message}")]
    Project { name: String, message: String },
    /// The server could not start or the project could not be saved.
    #[error("{0}")]
    Io(String),
    #[error(transparent)]
    Pipeline(#[from] bitext_pipeline::Error),
}
