//! Terminology and consistency checks on an aligned zh-en corpus, with matching that
//! works for Chinese (no spaces, full-width forms, quotes).
//!
//! [`Checker::check`] runs the [`Check`]s over [`LinkText`]s (one per corpus link) and
//! returns [`Finding`]s: key terms rendered without an approved translation, forbidden
//! renderings, inconsistent translations of the same sentence, the distribution of
//! term renderings, numbers/dates/symbols that did not survive translation,
//! untranslated segments and length outliers. Per-link checks run in parallel.
//!
//! ```
//! use bitext_qa::{Check, Checker, Glossary, LinkText};
//!
//! let glossary = Glossary::from_table("en\tzh\nGeneral Assembly\t大会\n", b'\t', "g").unwrap();
//! let links = vec![LinkText::new("The General Assembly adopted resolution 77/278.", "联大通过了第77/278号决议。")];
//! let findings = Checker::new(glossary).check(&links, &[]);
//! assert_eq!(findings.len(), 1);
//! assert_eq!(findings[0].check, Check::KeyTerm);
//! ```

mod checks;
mod glossary;

use bitext_core::{Anchor, Segmenter};
pub use checks::{Checker, Finding};
pub use glossary::{Entry, Glossary};

/// One link of a corpus as the checks see it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkText {
    pub en: String,
    pub zh: String,
    pub doc: Option<String>,
    pub block: Option<String>,
    /// The aligner's confidence in the link, when known: a finding on a doubtful link
    /// is reported as [`Check::PossibleMisalignment`].
    pub score: Option<f64>,
    /// What the segment stage found in each side: [`Check::AnchorMismatch`] and
    /// [`Check::LengthOutlier`] read it (a link without it has no anchors and no
    /// length; [`LinkText::found_by`] fills it for text that was never segmented).
    pub zh_found: Found,
    pub en_found: Found,
}

/// What the segment stage says of one side of a link.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// The anchors of the side's units.
    pub anchors: Vec<Anchor>,
    /// Its length in the units of the length model ([`Segmenter::length`]).
    pub length: f64,
}

impl Found {
    /// Segment `text` for its anchors and length.
    pub fn of(seg: &dyn Segmenter, text: &str) -> Found {
        Found {
            anchors: seg.anchors(text),
            length: seg.length(text),
        }
    }
}

impl LinkText {
    pub fn new(en: &str, zh: &str) -> Self {
        LinkText {
            en: en.to_string(),
            zh: zh.to_string(),
            ..LinkText::default()
        }
    }

    /// The link with the anchors and lengths of its two sides found by `zh` and
    /// `en`: for links read from a corpus, whose text no segmenter has seen.
    pub fn found_by(mut self, zh: &dyn Segmenter, en: &dyn Segmenter) -> Self {
        self.zh_found = Found::of(zh, &self.zh);
        self.en_found = Found::of(en, &self.en);
        self
    }
}

/// The checks, by the names `--skip` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    KeyTerm,
    ForbiddenTerm,
    InconsistentTarget,
    InconsistentSource,
    TermVariants,
    AnchorMismatch,
    Untranslated,
    LengthOutlier,
    /// A finding of another check on a link the aligner doubts: most likely the two
    /// sides are not translations of each other, not a terminology error.
    PossibleMisalignment,
}

impl Check {
    pub const ALL: [Check; 9] = [
        Check::KeyTerm,
        Check::ForbiddenTerm,
        Check::InconsistentTarget,
        Check::InconsistentSource,
        Check::TermVariants,
        Check::AnchorMismatch,
        Check::Untranslated,
        Check::LengthOutlier,
        Check::PossibleMisalignment,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Check::KeyTerm => "key-term",
            Check::ForbiddenTerm => "forbidden-term",
            Check::InconsistentTarget => "inconsistent-target",
            Check::InconsistentSource => "inconsistent-source",
            Check::TermVariants => "term-variants",
            Check::AnchorMismatch => "anchor-mismatch",
            Check::Untranslated => "untranslated",
            Check::LengthOutlier => "length-outlier",
            Check::PossibleMisalignment => "possible-misalignment",
        }
    }

    pub fn from_name(name: &str) -> Option<Check> {
        Check::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Errors of the QA crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{name}{}: {message}", if *line > 0 { format!(", line {line}") } else { String::new() })]
    Glossary {
        name: String,
        line: usize,
        message: String,
    },
}

impl Error {
    fn glossary(name: &str, line: usize, message: impl std::fmt::Display) -> Self {
        Error::Glossary {
            name: name.to_string(),
            line,
            message: message.to_string(),
        }
    }
}
