//! The shared model of bitext.
//!
//! Every other crate speaks in these types:
//!
//! * [`Document`] — a segmented text: [`Block`]s (front matter, headings, numbered
//!   paragraphs, sub-items, footnotes, removed layout artefacts), each holding
//!   [`Sentence`]s with byte spans into the decoded source text.
//! * [`Anchor`] — a language-independent key (`num:6500`, `res:77/278`,
//!   `sym:A/78/6(SECT.29A)`) that the Chinese and the English rendering of the same
//!   thing share; the aligner matches them across languages.
//! * [`Link`] — one alignment link: unit ids on each side (either may be empty for an
//!   unpaired unit) and a confidence score in `[0, 1]`.
//! * [`Segmenter`] — what a language crate implements: turn raw text into a
//!   [`Document`], find anchors in a piece of text, and split a leading label off a unit.
//!
//! This crate does no I/O and never prints.
//!
//! ```
//! use bitext_core::{Anchor, AnchorKind, Link, Lang};
//!
//! let a = Anchor::new(AnchorKind::Resolution, "77/278");
//! assert_eq!(a.to_string(), "res:77/278");
//! let link = Link::new(vec![0], vec![0, 1], 0.93);
//! assert_eq!(link.link_type(), "1-2");
//! assert_eq!("zh".parse::<Lang>().unwrap(), Lang::Zh);
//! ```

pub mod build;
pub mod layout;
mod model;
mod notes;
pub mod romanization;
mod text;

pub use model::*;
pub use notes::{footnote_markers, superscript_digit};
pub use text::*;
