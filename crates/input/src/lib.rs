//! The read stage of bitext: bytes in any common encoding, plain text, Word (`.docx`),
//! PDF, and `.doc`/`.odt`/`.rtf` through LibreOffice, to one text with its running
//! headers and footers set apart and its document symbol and date found — or a clear
//! refusal naming the file (a corpus, a compressed bomb, an image-only PDF, bytes that
//! are no text).
//!
//! ```
//! use bitext_input::{decode_input, ReadOptions};
//!
//! let text = "委员会审议了秘书长关于方案预算的报告，建议大会核准该方案的说明。";
//! let (gb, _, _) = encoding_rs::GB18030.encode(text);
//! let input = decode_input("report.zh.txt", &gb, &ReadOptions::default()).unwrap();
//! assert_eq!(input.text, text);
//! assert!(input.detected); // a front end tells the user which encoding was guessed
//!
//! // Too few characters to tell GBK from Big5: refused rather than guessed.
//! let (short, _, _) = encoding_rs::GB18030.encode("委员会");
//! assert!(decode_input("x.txt", &short, &ReadOptions::default()).is_err());
//! ```

pub mod docx;
mod error;
pub mod metadata;
pub mod office;
pub mod pdf;
mod read;

pub use error::{Error, Result};
pub use read::*;
