//! Undo PDF layout in Chinese text: page breaks inside sentences, hard wraps. Chinese
//! lines rejoin without a space.

use bitext_core::build::Paragraph;
use bitext_core::layout::{artifact_lines, raw_lines, Assembled, RawLine};

use crate::labels::{ends_with_terminal, starts_with_label};

fn width(line: &str) -> usize {
    line.trim().chars().count()
}

/// Width of a full line in hard-wrapped text, or `None` when each line is a paragraph.
fn wrap_width(lines: &[RawLine<'_>], artifact: &[bool]) -> Option<usize> {
    let mut widths: Vec<usize> = lines
        .iter()
        .zip(artifact)
        .filter(|(l, a)| !**a && !l.is_blank())
        .map(|(l, _)| width(l.text))
        .collect();
    if widths.len() < 8 {
        return None;
    }
    widths.sort_unstable();
    let w = widths[widths.len() * 9 / 10];
    let near = widths
        .iter()
        .filter(|&&l| l * 10 >= w * 7 && l <= w + 3)
        .count();
    ((15..=80).contains(&w) && near * 2 >= widths.len()).then_some(w)
}

/// A paragraph cut by a page break: long, and not ended by sentence punctuation.
const LONG_PARAGRAPH: usize = 60;

pub(crate) fn paragraphs(text: &str) -> Vec<Paragraph> {
    let lines = raw_lines(text);
    let artifact = artifact_lines(&lines);
    let wrap = wrap_width(&lines, &artifact);

    let mut out: Vec<Paragraph> = Vec::new();
    let mut current: Option<(Paragraph, RawLine<'_>)> = None;
    let mut gap_blank = false;
    let mut gap_artifact = false;
    for (line, &is_artifact) in lines.iter().zip(&artifact) {
        let t = line.text;
        let lead = t.len() - t.trim_start().len();
        let (s, e) = (line.start + lead, line.start + t.trim_end().len());
        if is_artifact {
            let mut assembled = Assembled::default();
            assembled.push_source(text, s, e);
            out.push(Paragraph {
                assembled,
                start: s,
                end: e,
                artifact: true,
            });
            gap_artifact = true;
            continue;
        }
        if line.is_blank() {
            gap_blank = true;
            continue;
        }
        let continues = current.as_ref().is_some_and(|(para, prev)| {
            let prev_text = prev.text.trim_end();
            if starts_with_label(t) {
                return false;
            }
            if gap_blank || gap_artifact {
                !ends_with_terminal(prev_text)
                    && (para.assembled.text.chars().count() >= LONG_PARAGRAPH || gap_artifact)
            } else if let Some(w) = wrap {
                // Hard-wrapped: a full line continues; a short one ends its paragraph
                // unless it stops in mid-sentence.
                width(prev_text) * 10 >= w * 7
                    || !ends_with_terminal(prev_text) && width(prev_text) * 10 >= w * 3
            } else {
                false
            }
        });
        if continues {
            let (para, prev) = current.as_mut().expect("current paragraph");
            para.assembled.push_source(text, s, e);
            para.end = e;
            *prev = *line;
        } else {
            if let Some((para, _)) = current.take() {
                out.push(para);
            }
            let mut assembled = Assembled::default();
            assembled.push_source(text, s, e);
            current = Some((
                Paragraph {
                    assembled,
                    start: s,
                    end: e,
                    artifact: false,
                },
                *line,
            ));
        }
        gap_blank = false;
        gap_artifact = false;
    }
    if let Some((para, _)) = current {
        out.push(para);
    }
    out.sort_by_key(|p| p.start);
    out
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
    fn a_finished_paragraph_does_not_swallow_the_next() {
        let input = "一个代表团指出，公平地域代表性仍然是一个令人关切的问题，并要求提供信息，说明业务支助部在这方面将采取哪些措施。\n\n结论和建议\n";
        assert_eq!(texts(input).len(), 2);
    }
}
