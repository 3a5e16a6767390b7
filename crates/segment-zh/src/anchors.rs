//! Anchors in Chinese UN text, keyed exactly as the English segmenter keys the English
//! rendering of the same reference.

use crate::numerals::chinese_numeral_value;
use bitext_core::{fold_width, roman_value, Anchor, AnchorKind};
use regex::{Captures, Regex};

#[derive(Debug)]
pub(crate) struct AnchorFinder {
    symbol: Regex,
    latin_digit: Regex,
    para_ref: Regex,
    ref_item: Regex,
    table: Regex,
    figure: Regex,
    annex: Regex,
    chapter: Regex,
    section: Regex,
    resolution: Regex,
    percent: Regex,
    time: Regex,
    percent_words: Regex,
    month_day: Regex,
    month: Regex,
    year: Regex,
    number: Regex,
    ordinal_words: Regex,
    counted_words: Regex,
    composed_words: Regex,
    latin: Regex,
}

const NUMERAL: &str = "[零〇一二三四五六七八九十百千两]+";

/// `四` → `4`, `IV` → `4`, `12` → `12`.
fn numeral_key(s: &str) -> String {
    chinese_numeral_value(s)
        .or_else(|| roman_value(s).map(u64::from))
        .map_or_else(|| s.to_string(), |v| v.to_string())
}

/// Regex has no look-behind: a Latin-script match must not continue a longer token.
fn starts_token(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

/// `万`, `亿` after a number: its factor (`1340万` = 13,400,000).
fn scale(after: &str) -> Option<f64> {
    let after = after.trim_start();
    if after.starts_with("万亿") {
        Some(1e12)
    } else if after.starts_with('万') {
        Some(1e4)
    } else if after.starts_with('亿') {
        Some(1e8)
    } else {
        None
    }
}

fn scaled(digits: &str, factor: f64) -> String {
    match digits.parse::<f64>() {
        Ok(v) if (v * factor).fract().abs() < 1e-6 && v * factor < 1e18 => {
            format!("{}", (v * factor).round() as u64)
        }
        _ => digits.to_string(),
    }
}

/// Opening quotation marks of Chinese text (full width folded to ASCII first).
const QUOTE_MARKS: [char; 5] = ['“', '「', '『', '‘', '"'];

impl AnchorFinder {
    pub(crate) fn new() -> Self {
        let re = |p: &str| Regex::new(p).expect("valid anchor pattern");
        let reference = r"[0-9]+[A-Z]?(?:\.[0-9]+)*(?:\s*\([a-z]{1,2}\)|\s*\([ivx]+\))?";
        AnchorFinder {
            symbol: re(
                r"[A-Z]{1,10}(?:\.[0-9A-Za-z]+)?(?:/[A-Z0-9][A-Za-z0-9.\-]*)+(?:\s?\((?:Sect|Part|Vol|Chap|Suppl)\.?\s?[A-Z0-9]+\))?",
            ),
            latin_digit: re(r"[A-Za-z]+[-‑]?[0-9]+[A-Za-z0-9]*"),
            para_ref: re(&format!(
                r"第\s*({reference}(?:\s*(?:、|和|及|至|-|–)\s*{reference})*)\s*段"
            )),
            ref_item: re(r"([0-9]+[A-Z]?(?:\.[0-9]+)*)(?:\s*\(([a-z]{1,2}|[ivx]+)\))?"),
            table: re(r"表\s*([0-9]+[A-Z]?\.[0-9]+|[0-9]+)"),
            figure: re(&format!(
                r"图\s*(?:([0-9]+[A-Z]?)\.)?({NUMERAL}|[IVXLC]+\b|[0-9]+)"
            )),
            annex: re(&format!(r"附件\s*({NUMERAL}|[IVXLC]+\b|[0-9]+)")),
            chapter: re(&format!(r"第\s*({NUMERAL}|[0-9]+)\s*章")),
            section: re(&format!(r"第\s*({NUMERAL}|[0-9]+[A-Z]?)\s*(?:节|款)")),
            resolution: re(r"([0-9]{1,4})\s*/\s*([0-9]{1,4})"),
            percent: re(r"([0-9]+(?:\.[0-9]+)?)\s*%"),
            time: re(r"(上午|下午|晚上|中午)?\s*([0-9]{1,2})\s*时\s*(?:([0-9]{1,2})\s*分)?"),
            percent_words: re(&format!(r"百分之({NUMERAL})")),
            // A day, or a list or range of days, of a month: `11月16日和17日`,
            // `5月23日至27日`, `5月23至27日` (every day named is a date; a range gives
            // its ends, as the English `23–27 May` does).
            month_day: re(
                r"([0-9]{1,2})\s*月\s*([0-9]{1,2})((?:\s*日?\s*(?:和|、|及|与|至|到|-|–|—)\s*[0-9]{1,2})*)\s*日",
            ),
            month: re(r"([0-9]{1,2})\s*月"),
            year: re(r"(1[89][0-9][0-9]|20[0-9][0-9])"),
            number: re(r"[0-9]{1,3}(?:[ ,\u{2009}][0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"),
            ordinal_words: re(&format!(r"第({NUMERAL})")),
            counted_words: re(
                r"([二三四五六七八九十百两]+)(?:个|项|天|年|名|次|届|类|种|位|份|周|倍|大)",
            ),
            // A numeral of two or more characters with a multiplier (`十五`, `二十一`,
            // `一百`) is a number wherever it stands, as `fifteen` is in English; a
            // lone `十` or `百` is too often part of a word (`十分` "very", `百姓`).
            composed_words: re(NUMERAL),
            latin: re(r"[A-Za-z][A-Za-z0-9]*(?:[-‑][A-Za-z0-9]+)*"),
        }
    }

    /// All anchors of `text`, in order of kind then position, deduplicated: the
    /// references first, then dates and quantities, then bare numbers and Latin words,
    /// each pass claiming the spans it matched.
    pub(crate) fn find(&self, text: &str) -> Vec<Anchor> {
        let text = fold_width(text);
        let text = text.as_str();
        let mut found = Found::default();
        self.references(text, &mut found);
        self.dates_and_quantities(text, &mut found);
        self.numbers_and_words(text, &mut found);
        if text.contains(QUOTE_MARKS) {
            found.push(AnchorKind::Quote, bitext_core::QUOTE_KEY.to_string());
        }
        for mood in bitext_core::sentence_moods(text) {
            found.push(AnchorKind::Mood, mood.to_string());
        }
        found.anchors
    }

    /// The label, document symbols, codes, paragraph references, tables, annexes,
    /// chapters, sections, figures and resolutions.
    fn references(&self, text: &str, found: &mut Found) {
        let (label_len, label) = crate::labels::leading_label(text);
        if let Some(label) = label {
            found.push(AnchorKind::Label, label);
            found.take(0, label_len);
        }
        for m in self.symbol.find_iter(text) {
            let s = m.as_str().trim_end_matches(['.', '-']);
            if starts_token(text, m.start())
                && s.chars().any(|c| c.is_ascii_digit())
                && found.free(m.start(), m.end())
            {
                let key: String = s
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_uppercase();
                found.push(AnchorKind::Symbol, key);
                found.take(m.start(), m.end());
            }
        }
        for m in self.latin_digit.find_iter(text) {
            if starts_token(text, m.start()) && found.free(m.start(), m.end()) {
                found.push(
                    AnchorKind::Latin,
                    m.as_str().replace('‑', "-").to_lowercase(),
                );
                found.take(m.start(), m.end());
            }
        }
        for c in self.para_ref.captures_iter(text) {
            let whole = c.get(0).expect("match");
            if !found.free(whole.start(), whole.end()) {
                continue;
            }
            for item in self.ref_item.captures_iter(&c[1]) {
                let key = match item.get(2) {
                    Some(sub) => format!("{}({})", &item[1], sub.as_str()),
                    None => item[1].to_string(),
                };
                found.push(AnchorKind::ParaRef, key);
            }
            found.take(whole.start(), whole.end());
        }
        let simple: [(&Regex, AnchorKind); 4] = [
            (&self.table, AnchorKind::Table),
            (&self.annex, AnchorKind::Annex),
            (&self.chapter, AnchorKind::Chapter),
            (&self.section, AnchorKind::Section),
        ];
        for (re, kind) in simple {
            found.each(re, text, |c| Some((kind, numeral_key(&c[1]))));
        }
        found.each(&self.figure, text, |c| {
            let key = match c.get(1) {
                Some(prefix) => format!("{}.{}", prefix.as_str(), numeral_key(&c[2])),
                None => numeral_key(&c[2]),
            };
            Some((AnchorKind::Figure, key))
        });
        found.each(&self.resolution, text, |c| {
            Some((AnchorKind::Resolution, format!("{}/{}", &c[1], &c[2])))
        });
    }

    /// Times, percentages, dates and months.
    fn dates_and_quantities(&self, text: &str, found: &mut Found) {
        found.each(&self.time, text, |c| {
            let hour: u32 = c[2].parse().ok()?;
            let minute: u32 = c.get(3).map_or(Some(0), |m| m.as_str().parse().ok())?;
            let afternoon = matches!(c.get(1).map(|m| m.as_str()), Some("下午" | "晚上"));
            let hour = if afternoon && hour < 12 {
                hour + 12
            } else {
                hour
            };
            (hour < 24 && minute < 60).then(|| (AnchorKind::Time, format!("{hour:02}:{minute:02}")))
        });
        found.each(&self.percent, text, |c| {
            Some((AnchorKind::Percent, c[1].to_string()))
        });
        found.each(&self.percent_words, text, |c| {
            chinese_numeral_value(&c[1]).map(|v| (AnchorKind::Percent, v.to_string()))
        });
        found.each_all(&self.month_day, text, |c| {
            let m: u32 = c[1].parse().ok()?;
            let days: Vec<u32> = format!("{} {}", &c[2], &c[3])
                .split(|ch: char| !ch.is_ascii_digit())
                .filter_map(|d| d.parse().ok())
                .collect();
            ((1..=12).contains(&m) && days.iter().all(|d| (1..=31).contains(d))).then(|| {
                days.into_iter()
                    .map(|d| (AnchorKind::Date, format!("{m:02}-{d:02}")))
                    .collect()
            })
        });
        found.each(&self.month, text, |c| {
            let m: u32 = c[1].parse().ok()?;
            (1..=12)
                .contains(&m)
                .then(|| (AnchorKind::Date, format!("{m:02}")))
        });
    }

    /// Years, numbers (with their scale: `1340万`), numbers in words, Latin words.
    fn numbers_and_words(&self, text: &str, found: &mut Found) {
        for m in self.year.find_iter(text) {
            // `1800亿` is an amount, not a year.
            let next_is_digit = text[m.end()..].starts_with(|c: char| c.is_ascii_digit())
                || scale(&text[m.end()..]).is_some();
            if !next_is_digit && starts_token(text, m.start()) && found.free(m.start(), m.end()) {
                found.push(AnchorKind::Year, m.as_str().to_string());
                found.take(m.start(), m.end());
            }
        }
        for m in self.number.find_iter(text) {
            if starts_token(text, m.start()) && found.free(m.start(), m.end()) {
                let key: String = m
                    .as_str()
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '.')
                    .collect();
                let key = scale(&text[m.end()..]).map_or_else(|| key.clone(), |f| scaled(&key, f));
                found.push(AnchorKind::Number, key);
                found.take(m.start(), m.end());
            }
        }
        for re in [&self.ordinal_words, &self.counted_words] {
            found.each(re, text, |c| {
                chinese_numeral_value(&c[1])
                    .filter(|&v| v >= 2)
                    .map(|v| (AnchorKind::Number, v.to_string()))
            });
        }
        found.each(&self.composed_words, text, |c| {
            // `二十两` is twenty taels: after a numeral `两` is the unit, never a digit
            // (twenty-two is `二十二`).
            let whole = &c[0];
            let numeral = match whole.strip_suffix('两') {
                Some(rest) if !rest.is_empty() => rest,
                _ => whole,
            };
            let composed = numeral.chars().count() >= 2 && numeral.contains(['十', '百', '千']);
            let value = chinese_numeral_value(numeral).filter(|&v| composed && v >= 10)?;
            let start = c.get(0).expect("match").start();
            let end = start + numeral.len();
            // `(二十七)` enumerates a list, as `(xxvii)` does: a label, not a quantity
            // (the text is width-folded: `（）` are `()` here).
            let bracketed = text[..start].ends_with('(') && text[end..].starts_with(')');
            if bracketed {
                return None;
            }
            let key = scale(&text[end..])
                .map_or_else(|| value.to_string(), |f| scaled(&value.to_string(), f));
            Some((AnchorKind::Number, key))
        });
        for m in self.latin.find_iter(text) {
            if m.as_str().len() >= 2
                && starts_token(text, m.start())
                && found.free(m.start(), m.end())
            {
                found.push(
                    AnchorKind::Latin,
                    m.as_str().replace('‑', "-").to_lowercase(),
                );
            }
        }
    }
}

/// Anchors found so far and the text ranges they consumed (a number inside a symbol
/// is not a number of its own).
#[derive(Default)]
struct Found {
    anchors: Vec<Anchor>,
    taken: Vec<(usize, usize)>,
}

impl Found {
    fn free(&self, s: usize, e: usize) -> bool {
        self.taken.iter().all(|&(a, b)| e <= a || s >= b)
    }

    fn take(&mut self, s: usize, e: usize) {
        self.taken.push((s, e));
    }

    fn push(&mut self, kind: AnchorKind, key: String) {
        let a = Anchor::new(kind, key);
        if !self.anchors.contains(&a) {
            self.anchors.push(a);
        }
    }

    fn each(
        &mut self,
        re: &Regex,
        text: &str,
        mut key: impl FnMut(&Captures<'_>) -> Option<(AnchorKind, String)>,
    ) {
        self.each_all(re, text, |c| key(c).map(|found| vec![found]));
    }

    /// As [`Found::each`], for a match that gives several anchors.
    fn each_all(
        &mut self,
        re: &Regex,
        text: &str,
        mut keys: impl FnMut(&Captures<'_>) -> Option<Vec<(AnchorKind, String)>>,
    ) {
        for c in re.captures_iter(text) {
            let whole = c.get(0).expect("match");
            if !self.free(whole.start(), whole.end()) {
                continue;
            }
            if let Some(found) = keys(&c) {
                for (kind, k) in found {
                    self.push(kind, k);
                }
                self.take(whole.start(), whole.end());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        Anchor::keys(&AnchorFinder::new().find(text))
    }

    #[test]
    fn resolutions_without_spaces() {
        assert_eq!(keys("大会第77/254号决议"), ["res:77/254"]);
    }

    #[test]
    fn references_to_paragraphs_tables_figures() {
        assert_eq!(keys("第 29A.98(f)段在"), ["para:29A.98(f)"]);
        assert_eq!(keys("提到表 29A.35 和"), ["table:29A.35"]);
        assert_eq!(keys("图 29A.四反映"), ["figure:29A.4"]);
        assert_eq!(keys("图 29C.二所示"), ["figure:29C.2"]);
        assert_eq!(keys("第 29A.9 和 29A.10 段"), ["para:29A.9", "para:29A.10"]);
        assert_eq!(keys("载于附件五"), ["annex:5"]);
    }

    #[test]
    fn dates_years_numbers_percentages() {
        assert_eq!(
            keys("在 2023 年 5 月 31 日和 6 月 6 日第 4 和 13 次会议上"),
            ["date:05-31", "date:06-06", "year:2023", "num:4", "num:13"]
        );
        assert_eq!(
            keys("2023年5月30日至6月30日"),
            ["date:05-30", "date:06-30", "year:2023"]
        );
        assert_eq!(keys("至少有 55% 来自"), ["pct:55"]);
        assert_eq!(keys("从 43 个增加到 6 500 个"), ["num:43", "num:6500"]);
        assert_eq!(keys("约有1340万乌克兰人"), ["num:13400000"]);
        assert_eq!(keys("花费1万亿美元"), ["num:1000000000000"]);
        assert_eq!(keys("2023 年 4 月"), ["date:04", "year:2023"]);
        assert_eq!(keys("上午10时10分宣布开会。"), ["time:10:10"]);
        assert_eq!(keys("下午1时散会。"), ["time:13:00"]);
    }

    #[test]
    fn chinese_numerals_and_latin_tokens() {
        assert_eq!(keys("第六十三届会议"), ["num:63"]);
        assert_eq!(keys("第五委员会"), ["num:5"]);
        // A numeral with a multiplier is a number wherever it stands.
        assert_eq!(keys("二十国集团"), ["num:20"]);
        assert_eq!(keys("她被发到十五队"), ["num:15"]);
        assert_eq!(keys("约一百四十亿年前"), ["num:14000000000"]);
        // A lone multiplier is part of a word.
        assert!(keys("十分重要的百姓").is_empty());
        assert_eq!(
            keys("冠状病毒病(COVID-19)大流行和 Wi-Fi 服务"),
            ["latin:covid-19", "latin:wi-fi"]
        );
        assert_eq!(
            keys("使用 Microsoft Teams 桌面"),
            ["latin:microsoft", "latin:teams"]
        );
    }

    /// Found by fuzzing: `\d` matched Arabic-Indic digits, which gave an empty key.
    #[test]
    fn only_ascii_digits_make_numbers() {
        assert!(keys("۰\\G ١٢٣").iter().all(|k| !k.ends_with(':')));
        assert!(keys("۰\\G ١٢٣").iter().all(|k| !k.starts_with("num:")));
    }
}
