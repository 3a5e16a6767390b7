use serde::{Deserialize, Serialize};

/// Declares [`RecordMeta`] from one list of its fields: the struct, its serde
/// attributes, [`RecordMeta::NAMES`], [`RecordMeta::fields`] and [`RecordMeta::set`]
/// all come from the list, so a field is named once.
macro_rules! record_meta {
    ($( $(#[doc = $doc:literal])* $field:ident, )*) => {
        /// What a record carries besides its text, score, block, link shape and review
        /// state: its document, and what the corpus it was read from said of its
        /// segments. Review rows and the Python package keep it as one value, so a
        /// field added here travels through every front end.
        #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
        pub struct RecordMeta {
            $(
                $(#[doc = $doc])*
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<String>,
            )*
        }

        impl RecordMeta {
            /// The field names, as serialized (for front ends that carry the fields by
            /// name).
            pub const NAMES: [&'static str; [$(stringify!($field)),*].len()] =
                [$(stringify!($field)),*];

            /// Every field by name, in the order of [`RecordMeta::NAMES`].
            pub fn fields(&self) -> [(&'static str, Option<&str>); Self::NAMES.len()] {
                [$((stringify!($field), self.$field.as_deref())),*]
            }

            /// Set a field by name; false for a name that is none of
            /// [`RecordMeta::NAMES`].
            pub fn set(&mut self, name: &str, value: Option<String>) -> bool {
                let field = match name {
                    $(stringify!($field) => &mut self.$field,)*
                    _ => return false,
                };
                *field = value;
                true
            }
        }
    };
}

record_meta! {
    /// Document id or symbol, when known.
    doc,
    /// The document's date (ISO 8601), when its front matter gives one.
    doc_date,
    /// The exact language tag of the Chinese side when the corpus named one other than
    /// the writer's default (`zh-TW`, `zh-Hant` from a vendor TMX): written back as it
    /// came.
    zh_lang,
    /// The exact language tag of the English side, likewise (`en-GB`).
    en_lang,
    /// The Chinese segment as TMX 1.4b content with its inline codes (`<bpt>`, `<ept>`,
    /// `<ph>`, `<it>`, `<ut>`, `<hi>`, `<sub>`; XML-escaped), when it had any; `zh` holds
    /// its plain text.
    zh_tmx,
    /// The English segment with its inline codes, likewise.
    en_tmx,
}

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
    /// The document and what a corpus said of the segments beyond their text.
    #[serde(flatten)]
    pub meta: RecordMeta,
    /// A reviewer confirmed the link (`bitext review`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
    /// 0-based unit ids on each side.
    #[serde(default)]
    pub zh_ids: Vec<usize>,
    #[serde(default)]
    pub en_ids: Vec<usize>,
    /// Anchor keys shared by both sides.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anchors: Vec<String>,
    /// Footnote reference markers taken out of the text (`6` of `Secretary-General;6`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnote_refs: Vec<String>,
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

    /// Neither side has any text: nothing a corpus can use (a label-only unit such as
    /// `(b)` whose label went to `block`).
    pub fn is_empty(&self) -> bool {
        self.zh.trim().is_empty() && self.en.trim().is_empty()
    }

    /// A paired link one of whose sides has no text: not a translation pair.
    pub fn has_empty_side(&self) -> bool {
        self.zh.trim().is_empty() || self.en.trim().is_empty()
    }

    /// The record carries what a plain-text table cannot hold: inline codes, or a
    /// Chinese variant other than Simplified Chinese (`zh-TW`, `zh-Hant`, `zh-HK`).
    pub fn has_markup_or_tags(&self) -> bool {
        let simplified = |tag: &str| {
            matches!(
                tag.to_ascii_lowercase().as_str(),
                "zh" | "zh-cn" | "zh-hans" | "zh-hans-cn" | "zh-sg" | "zh-hans-sg" | "chs"
            )
        };
        self.meta.zh_tmx.is_some()
            || self.meta.en_tmx.is_some()
            || self.meta.zh_lang.as_deref().is_some_and(|t| !simplified(t))
    }
}

#[cfg(test)]
mod meta_tests {
    use super::*;

    #[test]
    fn every_meta_field_is_named_read_and_set_as_serde_names_it() {
        let mut meta = RecordMeta::default();
        for (k, name) in RecordMeta::NAMES.iter().enumerate() {
            assert!(meta.set(name, Some(format!("v{k}"))), "{name}");
        }
        assert!(!meta.set("block", None));
        let by_serde = serde_json::to_value(&meta).unwrap();
        let by_serde = by_serde.as_object().unwrap();
        assert_eq!(
            by_serde.len(),
            RecordMeta::NAMES.len(),
            "a field without a name"
        );
        for (k, (name, value)) in meta.fields().into_iter().enumerate() {
            assert_eq!(name, RecordMeta::NAMES[k]);
            let expected = format!("v{k}");
            assert_eq!(value, Some(expected.as_str()));
            assert_eq!(by_serde[name], expected);
        }
    }
}
