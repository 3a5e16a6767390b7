//! Sentence boundaries from SRX 2.0 rules (`--srx FILE`, or `--srx default` for the
//! built-in rules in `data/srx/bitext-default.srx`), so that a corpus is segmented
//! the way a CAT tool will segment the next document.

use anyhow::{Context, Result};
use std::str::FromStr;

/// The built-in rules, written for this project after OmegaT's and LanguageTool's
/// conventions.
pub const DEFAULT_SRX: &str = include_str!("../../data/srx/bitext-default.srx");

pub struct SrxRules {
    en: srx::Rules,
    zh: srx::Rules,
}

impl std::fmt::Debug for SrxRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SrxRules")
    }
}

impl SrxRules {
    pub fn load(arg: &str) -> Result<Self> {
        let (text, name) = if arg == "default" {
            (DEFAULT_SRX.to_string(), "built-in SRX rules".to_string())
        } else {
            let text = std::fs::read_to_string(arg)
                .map_err(|e| anyhow::anyhow!("{arg}: cannot read SRX rules: {e}"))?;
            (text, arg.to_string())
        };
        let parsed =
            srx::SRX::from_str(&text).with_context(|| format!("{name}: not valid SRX 2.0"))?;
        for (language, errors) in parsed.errors() {
            for e in errors {
                eprintln!("bitext: warning: {name}: a rule of {language:?} was skipped: {e}");
            }
        }
        Ok(SrxRules {
            en: parsed.language_rules("en"),
            zh: parsed.language_rules("zh"),
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

    pub fn split_en(&self, text: &str) -> Vec<(usize, usize)> {
        Self::spans(&self.en, text)
    }

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
