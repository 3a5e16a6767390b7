//! Chinese sentence boundaries.

use bitext_core::build::{split_sentences, SentenceRules};

const TERMINALS: &[char] = &['。', '！', '？', '!', '?'];
/// Closing marks that stay with the sentence they end (superscript footnote marks
/// stay too: [`split_sentences`]).
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '》', '"', '\''];

/// Byte spans of the sentences of one paragraph: after `。！？` plus any closing
/// quotes or brackets, never inside `《…》` (titles may contain full sentences).
/// Spans are trimmed and cover every non-whitespace byte of `text`.
pub(crate) fn split(text: &str) -> Vec<(usize, usize)> {
    split_sentences(
        text,
        &ChineseEnds {
            titles: title_spans(text),
        },
    )
}

/// Byte spans of `《…》` titles, nested ones inside their outer title; a title left
/// open runs to the end of the text, a stray `》` closes nothing.
fn title_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut open_at = 0;
    for (i, c) in text.char_indices() {
        match c {
            '《' => {
                if depth == 0 {
                    open_at = i;
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    spans.push((open_at, i));
                }
            }
            _ => {}
        }
    }
    if depth > 0 {
        spans.push((open_at, text.len()));
    }
    spans
}

/// Chinese sentence ends: `。！？` (and `!?`) outside titles.
struct ChineseEnds {
    titles: Vec<(usize, usize)>,
}

impl SentenceRules for ChineseEnds {
    fn is_terminal(&self, c: char) -> bool {
        TERMINALS.contains(&c)
    }

    fn is_closer(&self, c: char) -> bool {
        CLOSERS.contains(&c)
    }

    fn may_end_at(&self, at: usize) -> bool {
        !self
            .titles
            .iter()
            .any(|&(open, close)| open < at && at < close)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn splits_after_full_stops() {
        let text = "10. 还欢迎加强权力下放的各项努力。一个代表团要求提供一些最近的例子。";
        assert_eq!(
            sentences(text),
            [
                "10. 还欢迎加强权力下放的各项努力。",
                "一个代表团要求提供一些最近的例子。"
            ]
        );
    }

    #[test]
    fn semicolons_do_not_split() {
        let text = "其中包括四个相互关联的支柱：企业资源规划解决方案；方案规划、财务和预算；人力资源；业务转型和问责。";
        assert_eq!(sentences(text).len(), 1);
    }

    #[test]
    fn closing_quotes_stay_with_the_sentence() {
        let text = "他说：“这是第一句。”另一个代表团表示同意。";
        assert_eq!(
            sentences(text),
            ["他说：“这是第一句。”", "另一个代表团表示同意。"]
        );
    }

    #[test]
    fn never_split_inside_a_title() {
        let text = "表示注意到《政治宣言：结束不平等现象。进入轨道》以及其他文件。";
        assert_eq!(sentences(text).len(), 1);
    }

    #[test]
    fn titles_nest_and_a_stray_closer_closes_nothing() {
        let text = "见《关于《公约。》的报告。》》第二句。第三句。";
        assert_eq!(
            sentences(text),
            ["见《关于《公约。》的报告。》》第二句。", "第三句。"]
        );
        let open = "见《未完的标题。第二句。";
        assert_eq!(sentences(open).len(), 1);
    }

    #[test]
    fn document_symbols_stay_whole() {
        let text = "行政和预算问题咨询委员会报告(A/69/809)第 39 段所载建议。该代表团补充说。";
        assert_eq!(sentences(text).len(), 2);
    }
}
