//! Chinese sentence boundaries.

use bitext_core::build::push_trimmed;
use bitext_core::SUPERSCRIPT_DIGITS;

const TERMINALS: &[char] = &['。', '！', '？', '!', '?'];
/// Closing marks that stay with the sentence they end (and superscript digits,
/// [`SUPERSCRIPT_DIGITS`]: footnote reference marks).
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '》', '"', '\''];

/// Byte spans of the sentences of one paragraph: after `。！？` plus any closing
/// quotes or brackets, never inside `《…》` (titles may contain full sentences).
/// Spans are trimmed and cover every non-whitespace byte of `text`.
pub(crate) fn split(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut title_depth = 0usize;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        match c {
            '《' => title_depth += 1,
            '》' => title_depth = title_depth.saturating_sub(1),
            _ => {}
        }
        if !TERMINALS.contains(&c) || title_depth > 0 {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if CLOSERS.contains(&d) || SUPERSCRIPT_DIGITS.contains(&d) || TERMINALS.contains(&d) {
                if d == '》' {
                    title_depth = title_depth.saturating_sub(1);
                }
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        push_trimmed(&mut spans, text, start, end);
        start = end;
    }
    push_trimmed(&mut spans, text, start, text.len());
    spans
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
    fn document_symbols_stay_whole() {
        let text = "行政和预算问题咨询委员会报告(A/69/809)第 39 段所载建议。该代表团补充说。";
        assert_eq!(sentences(text).len(), 2);
    }
}
