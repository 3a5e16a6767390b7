//! Document metadata read from the front matter: the UN document symbol and the
//! document's date. The symbol is the same in every language version of a document,
//! so it pairs files whose names differ (`N2312345.pdf` and `N2312346.docx`); both go
//! into the corpus (`doc` and `doc_date` in JSONL, `<prop>`s in TMX).
//!
//! ```
//! use bitext_input::metadata::DocumentMetadata;
//!
//! let front = ["United Nations", "A/78/6 (Sect. 29A)", "General Assembly", "Distr.: General", "30 June 2023"];
//! let m = DocumentMetadata::find(front.iter().copied());
//! assert_eq!(m.symbol.as_deref(), Some("A/78/6 (Sect. 29A)"));
//! assert_eq!(m.date.as_deref(), Some("2023-06-30"));
//! ```

use std::sync::LazyLock;

/// What the front matter says about a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentMetadata {
    /// The document symbol (`A/78/6 (Sect. 29A)`, `E/AC.51/2023/L.4/Add.25`).
    pub symbol: Option<String>,
    /// The document's date, ISO 8601 (`2023-06-30`).
    pub date: Option<String>,
}

/// How many lines from the top of a document are front matter worth searching.
pub const FRONT_MATTER_LINES: usize = 40;

/// A symbol alone on its line: an organ's series (`A`, `E`, `S`, `ST`, `CEDAW`,
/// `UNEP`…) and at least one more `/`-separated part with a digit in the symbol, with
/// an optional parenthesised section or year (`(Sect. 29A)`, `(Part II)`, `(2023)`).
static SYMBOL: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"^[A-Z][A-Z0-9]{0,9}(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+(?: ?\((?:(?:Sect|Part|Vol|Chap)\.? ?[0-9A-Z]+|\d{4})\))?$",
    )
    .expect("valid pattern")
});
static DATE_EN: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})$")
        .expect("valid pattern")
});
static DATE_ZH: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?日$").expect("valid pattern")
});

use bitext_core::MONTHS;

impl DocumentMetadata {
    /// The first symbol and the first date standing alone on a line among `lines`
    /// (running headers first, then the front matter, as [`crate::Input`]
    /// gives them).
    pub fn find<'a>(lines: impl IntoIterator<Item = &'a str>) -> Self {
        let mut found = DocumentMetadata::default();
        for line in lines {
            let line = line.trim();
            if found.symbol.is_none()
                && line.len() <= 60
                && SYMBOL.is_match(line)
                && line.chars().any(|c| c.is_ascii_digit())
            {
                found.symbol = Some(line.to_string());
            }
            if found.date.is_none() {
                found.date = iso_date(line);
            }
            if found.symbol.is_some() && found.date.is_some() {
                break;
            }
        }
        found
    }

    /// The symbol and date of a document: its page headers and footers (`furniture`)
    /// first, then the first [`FRONT_MATTER_LINES`] lines of its text.
    pub fn of_document(furniture: &[String], text: &str) -> Self {
        Self::find(
            furniture
                .iter()
                .map(String::as_str)
                .chain(text.lines().take(FRONT_MATTER_LINES)),
        )
    }

    /// This document's symbol and date, each taken from `other` where this one has
    /// none (the Chinese version first, the English one filling in).
    pub fn or(self, other: Self) -> Self {
        DocumentMetadata {
            symbol: self.symbol.or(other.symbol),
            date: self.date.or(other.date),
        }
    }

    /// The symbol as a pairing key (see [`symbol_key`]).
    pub fn symbol_key(&self) -> Option<String> {
        self.symbol.as_deref().map(symbol_key)
    }
}

/// A symbol as a pairing key: case and spacing folded (`A/78/6 (Sect.29A)` and
/// `A/78/6 (Sect. 29A)` meet).
pub fn symbol_key(symbol: &str) -> String {
    symbol
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A line that is a date and nothing else, as ISO 8601.
fn iso_date(line: &str) -> Option<String> {
    let (y, m, d) = if let Some(c) = DATE_EN.captures(line) {
        let month = MONTHS.iter().position(|&m| m == &c[2])? + 1;
        (
            c[3].parse::<u32>().ok()?,
            month as u32,
            c[1].parse::<u32>().ok()?,
        )
    } else if let Some(c) = DATE_ZH.captures(line) {
        (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    } else {
        return None;
    };
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_and_dates_stand_alone_on_their_lines() {
        for symbol in [
            "A/78/6 (Sect. 29A)",
            "E/AC.51/2023/L.4/Add.25",
            "S/RES/2719 (2023)",
            "CEDAW/C/CHN/CO/9",
            "A/HRC/52/L.1/Rev.1",
        ] {
            let m = DocumentMetadata::find([symbol]);
            assert_eq!(m.symbol.as_deref(), Some(symbol));
        }
        // Not symbols: prose, a ratio, words with slashes and no digits.
        for line in [
            "Distr.: General",
            "and/or",
            "ICT/HR",
            "1/2",
            "See A/78/6 (Sect. 29A).",
        ] {
            assert_eq!(DocumentMetadata::find([line]).symbol, None, "{line}");
        }
        assert_eq!(
            DocumentMetadata::find(["2023 年 6 月 30 日"])
                .date
                .as_deref(),
            Some("2023-06-30")
        );
        // A session's dates are not the document's date.
        assert_eq!(DocumentMetadata::find(["30 May–30 June 2023"]).date, None);
        assert_eq!(
            DocumentMetadata::find(["A/78/6 (Sect.29A)"]).symbol_key(),
            DocumentMetadata::find(["A/78/6 (Sect. 29A)"]).symbol_key()
        );
    }
}
