use serde::{Deserialize, Serialize};

/// One alignment link as written to a corpus.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Record {
    /// English text of the link (units joined by a space); empty for a zh-only unit.
    pub en: String,
    /// Chinese text of the link (units joined without a space); empty for an en-only unit.
    pub zh: String,
    /// Confidence in `[0, 1]`.
    pub score: f64,
    /// Paragraph number or block label (`12`, `(a)`, `heading`, `front`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    /// Document id or symbol, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// 0-based unit ids on each side.
    #[serde(default)]
    pub zh_ids: Vec<usize>,
    #[serde(default)]
    pub en_ids: Vec<usize>,
    /// Anchor keys shared by both sides.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anchors: Vec<String>,
}

impl Record {
    pub fn paired(zh: &str, en: &str, score: f64) -> Self {
        Record {
            zh: zh.to_string(),
            en: en.to_string(),
            score,
            zh_ids: vec![0],
            en_ids: vec![0],
            ..Record::default()
        }
    }

    /// `1-2`: zh unit count, dash, en unit count.
    pub fn link_type(&self) -> String {
        format!("{}-{}", self.zh_ids.len(), self.en_ids.len())
    }

    pub fn is_paired(&self) -> bool {
        !self.zh_ids.is_empty() && !self.en_ids.is_empty()
    }
}
