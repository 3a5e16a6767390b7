//! Undo PDF layout in Chinese text: page breaks inside sentences, hard wraps. Chinese
//! lines rejoin without a space.

use bitext_core::build::Paragraph;
use bitext_core::layout::{
    artifact_lines, assemble_paragraphs, raw_lines, wrap_width, LineJoiner, NextLine, RawLine,
    WrapRules,
};

use crate::labels::{ends_with_terminal, starts_with_label};

fn width(line: &str) -> usize {
    line.trim().chars().count()
}

/// The numbers of Chinese line joining, set by looking at UN PDF extractions and
/// text exports (`tests/fixtures`, `../shared/data`), not fitted.
struct JoinRules {
    /// Chinese wrapped text: 15–80 wide a line, full lines up to 3 past the usual
    /// width; a line of 70% of the width is full.
    wrap: WrapRules,
    /// A paragraph at least this long (characters) and not ended by sentence
    /// punctuation goes on after a blank line: a page break cut it.
    long_paragraph: usize,
    /// In hard-wrapped text, a line at least this percent of the wrap width that
    /// stops in mid-sentence goes on too.
    unfinished_line_percent: usize,
}

const RULES: JoinRules = JoinRules {
    wrap: WrapRules {
        widths: 15..=80,
        slack: 3,
        ..WrapRules::SHARED
    },
    long_paragraph: 60,
    unfinished_line_percent: 30,
};

/// The line ends with a footnote reference mark glued to a word or closing mark
/// (`纲领》2`, `宣言》8`, `战略》，7`): 1–2 digits after Han text or punctuation.
fn ends_with_footnote_mark(line: &str) -> bool {
    let digits = line
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let before = line.chars().rev().nth(digits);
    (1..=2).contains(&digits)
        && before.is_some_and(|c| {
            (('\u{4e00}'..='\u{9fff}').contains(&c) && !"年月日号届次段条".contains(c))
                || "》」”）；，。：、".contains(c)
        })
}

pub(crate) fn paragraphs(text: &str) -> Vec<Paragraph> {
    let lines = raw_lines(text);
    let artifact = artifact_lines(&lines);
    let mut joiner = ChineseLines {
        wrap: wrap_width(&lines, &artifact, &RULES.wrap),
        visual: 0,
    };
    assemble_paragraphs(text, &lines, &artifact, &mut joiner)
}

/// Chinese lines rejoin without a space.
struct ChineseLines {
    /// The wrap width, when the text is hard-wrapped.
    wrap: Option<usize>,
    /// The width of the current paragraph's last visual line: extraction breaks a
    /// printed line at a raised footnote mark (`…行动纲领》2` / `执行情况`), and the
    /// pieces together are one line of the wrap width.
    visual: usize,
}

impl LineJoiner for ChineseLines {
    fn continues(&mut self, para: &Paragraph, next: &NextLine<'_>) -> bool {
        let prev_text = next.prev.text.trim_end();
        if starts_with_label(next.line.text) {
            return false;
        }
        if next.gap.blank || next.gap.artifact {
            !ends_with_terminal(prev_text)
                && (para.assembled.text.chars().count() >= RULES.long_paragraph
                    || next.gap.artifact)
        } else if let Some(w) = self.wrap {
            // Hard-wrapped: a full line continues; a short one ends its paragraph
            // unless it stops in mid-sentence.
            // A mark glued after an unfinished sentence (`《宣言》8`) is where
            // extraction broke a printed line: the sentence goes on.
            let mid_sentence_mark = ends_with_footnote_mark(prev_text)
                && !ends_with_terminal(prev_text.trim_end_matches(|c: char| c.is_ascii_digit()));
            RULES.wrap.is_full(self.visual, w)
                || mid_sentence_mark
                || !ends_with_terminal(prev_text)
                    && WrapRules::fills(self.visual, w, RULES.unfinished_line_percent)
        } else {
            false
        }
    }

    fn join(&mut self, para: &mut Paragraph, next: &NextLine<'_>) {
        para.assembled
            .push_source(next.source, next.start, next.end);
        let line_width = width(next.trimmed());
        self.visual = if ends_with_footnote_mark(next.prev.text.trim_end()) {
            self.visual + line_width
        } else {
            line_width
        };
    }

    fn start(&mut self, line: &RawLine<'_>) {
        self.visual = width(line.text.trim());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        paragraphs(input)
            .into_iter()
            .filter(|p| !p.artifact)
            .map(|p| p.assembled.text)
            .collect()
    }

    #[test]
    fn page_break_inside_a_sentence_rejoins_without_space() {
        let input = "8. 有代表团表示赞赏管理战略、政策和合规部为确保有效征聘过程吸引最合格候选人同时促进公平地域代表性和性别均等所做的大量工作。一个代表团高度赞\n\n赏该部努力实现会员国的公平地域代表性并期待看到进展。\n\n9. 各代表团欢迎。\n";
        let got = texts(input);
        assert_eq!(got.len(), 2);
        assert!(got[0].contains("高度赞赏该部"));
    }

    #[test]
    fn short_front_lines_and_headings_stay_apart() {
        let input = "经济及社会理事会\n\nDistr.: Limited\n30 June 2023\n\n方案和协调委员会\n\n讨论情况\n\n3. 各代表团欢迎。\n";
        assert_eq!(
            texts(input),
            [
                "经济及社会理事会",
                "Distr.: Limited",
                "30 June 2023",
                "方案和协调委员会",
                "讨论情况",
                "3. 各代表团欢迎。"
            ]
        );
    }

    #[test]
    fn a_line_broken_at_a_footnote_mark_is_still_one_line() {
        let body = "又重申要在执行行动纲领方面取得进展就需要切实执行促进最不发达国家经济增长";
        let mut input = String::new();
        for i in 1..=9 {
            input.push_str(&format!("{i}. {body}\n{body}；\n"));
        }
        input.push_str(&format!(
            "10. 欢迎直到《{}》2\n执行情况\n{body}；\n",
            &body[..60]
        ));
        input.push_str(&format!("11. {body}\n通过的《宣言》8\n的承诺，{body}；\n"));
        let t = texts(&input);
        assert_eq!(t.len(), 11, "{t:?}");
        assert!(t[9].contains("》2执行情况"), "{t:?}");
        assert!(t[10].contains("《宣言》8的承诺"), "{t:?}");
    }

    #[test]
    fn a_finished_paragraph_does_not_swallow_the_next() {
        let input = "一个代表团指出，公平地域代表性仍然是一个令人关切的问题，并要求提供信息，说明业务支助部在这方面将采取哪些措施。\n\n结论和建议\n";
        assert_eq!(texts(input).len(), 2);
    }
}
