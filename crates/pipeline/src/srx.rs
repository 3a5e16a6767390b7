//! Sentence boundaries from SRX 2.0 rules (`--srx FILE`, or `--srx default` for the
//! built-in rules in `crates/pipeline/data/srx/bitext-default.srx`), so that a corpus is segmented
//! the way a CAT tool will segment the next document.

use crate::error::{Error, Result};
use std::str::FromStr;

/// The built-in rules, written for this project after OmegaT's and LanguageTool's
/// conventions.
pub const DEFAULT_SRX: &str = include_str!("../data/srx/bitext-default.srx");

/// Sentence-boundary rules for both languages.
pub struct SrxRules {
    en: srx::Rules,
    zh: srx::Rules,
    /// Rules that were skipped because this SRX engine cannot run them (one line each).
    pub warnings: Vec<String>,
}

impl std::fmt::Debug for SrxRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SrxRules")
    }
}

impl SrxRules {
    /// Rules from `default` (the built-in rules) or an SRX 2.0 file.
    pub fn load(arg: &str) -> Result<Self> {
        if arg == "default" {
            return Self::parse(DEFAULT_SRX, "built-in SRX rules");
        }
        let text = std::fs::read_to_string(arg)
            .map_err(|e| Error::invalid(arg, format!("cannot read SRX rules: {e}")))?;
        Self::parse(&text, arg)
    }

    /// Rules from SRX 2.0 text; `name` is what messages call it.
    pub fn parse(text: &str, name: &str) -> Result<Self> {
        let parsed = srx::SRX::from_str(text)
            .map_err(|e| Error::invalid(name, format!("not valid SRX 2.0: {e}")))?;
        let mut warnings = Vec::new();
        for (language, errors) in parsed.errors() {
            for e in errors {
                warnings.push(format!("{name}: a rule of {language:?} was skipped: {e}"));
            }
        }
        Ok(SrxRules {
            en: parsed.language_rules("en"),
            zh: parsed.language_rules("zh"),
            warnings,
        })
    }

    fn spans(rules: &srx::Rules, text: &str) -> Vec<(usize, usize)> {
        let base = text.as_ptr() as usize;
        rules
            .split(text)
            .map(|piece| {
                let start = piece.as_ptr() as usize - base;
                (start, start + piece.len())
            })
            .collect()
    }

    /// Byte spans of the English sentences of `text`.
    pub fn split_en(&self, text: &str) -> Vec<(usize, usize)> {
        Self::spans(&self.en, text)
    }

    /// Byte spans of the Chinese sentences of `text`.
    pub fn split_zh(&self, text: &str) -> Vec<(usize, usize)> {
        Self::spans(&self.zh, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, zh: bool) -> Vec<String> {
        let r = SrxRules::load("default").unwrap();
        let spans = if zh {
            r.split_zh(text)
        } else {
            r.split_en(text)
        };
        spans
            .into_iter()
            .map(|(s, e)| text[s..e].trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()
    }

    #[test]
    fn default_rules_follow_cat_tool_conventions() {
        assert_eq!(
            pieces(
                "3. Delegations welcomed the role. They commended Mr. Klein for it.",
                false
            ),
            [
                "3.",
                "Delegations welcomed the role.",
                "They commended Mr. Klein for it."
            ]
        );
        assert_eq!(
            pieces("(a) the precision of the goals; (b) key indicators.", false),
            ["(a)", "the precision of the goals; (b) key indicators."]
        );
        assert_eq!(
            pieces("他说：“这是第一句。”另一个代表团表示同意。", true),
            ["他说：“这是第一句。”", "另一个代表团表示同意。"]
        );
        assert_eq!(
            pieces(
                "see A/78/6 (Sect. 29A) and paras. 3 and 4. Next one.",
                false
            ),
            ["see A/78/6 (Sect. 29A) and paras. 3 and 4.", "Next one."]
        );
    }
}
