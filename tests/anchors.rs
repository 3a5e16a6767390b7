//! Dates, times and numbers give the same anchors in every form the UN writes them in
//! each language: generated from random values, rendered the English way and the
//! Chinese way, the two anchor sets must be equal (as the aligner compares them: a
//! number is a number whether a count, a percentage or a year).

use bitext_core::{Anchor, AnchorKind, Segmenter, MONTHS};
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;
use proptest::prelude::*;
use std::collections::BTreeSet;

/// The anchors as the aligner matches them (numbers, percentages and years share keys).
fn keys(anchors: Vec<Anchor>) -> BTreeSet<String> {
    anchors
        .into_iter()
        .map(|a| match a.kind {
            AnchorKind::Number | AnchorKind::Percent | AnchorKind::Year => format!("n:{}", a.key),
            _ => a.to_string(),
        })
        .collect()
}

fn same_anchors(en: &str, zh: &str) -> Result<(), TestCaseError> {
    let e = keys(EnglishSegmenter::new().anchors(en));
    let z = keys(ChineseSegmenter::new().anchors(zh));
    prop_assert_eq!(&e, &z, "{:?} / {:?}", en, zh);
    prop_assert!(!e.is_empty(), "no anchor in {:?}", en);
    Ok(())
}

/// Document symbols and resolutions as each language writes them give the same
/// keys, in the order of the text.
#[test]
fn symbols_and_resolutions_in_both_languages() {
    let cases: [(&str, &str, &[&str]); 3] = [
        (
            "(A/78/6 (Sect. 29), A/78/6 (Sect. 29A) and A/78/6 (Sect. 29F))",
            "(A/78/6(Sect. 29)、A/78/6(Sect. 29A)和 A/78/6(Sect. 29F))",
            &[
                "symbol:A/78/6(SECT.29)",
                "symbol:A/78/6(SECT.29A)",
                "symbol:A/78/6(SECT.29F)",
            ],
        ),
        (
            "General Assembly resolution 77/278 on human resources management",
            "大会第 77/278 号决议",
            &["res:77/278"],
        ),
        (
            "the report (A/69/809)",
            "报告(A/69/809)",
            &["symbol:A/69/809"],
        ),
    ];
    let in_order =
        |anchors: Vec<Anchor>| -> Vec<String> { anchors.iter().map(Anchor::to_string).collect() };
    for (en, zh, expected) in cases {
        assert_eq!(
            in_order(EnglishSegmenter::new().anchors(en)),
            expected,
            "{en}"
        );
        assert_eq!(
            in_order(ChineseSegmenter::new().anchors(zh)),
            expected,
            "{zh}"
        );
    }
    // A paragraph number after a symbol is a paragraph reference.
    assert_eq!(
        in_order(ChineseSegmenter::new().anchors("报告(A/69/809)第 39 段")),
        ["symbol:A/69/809", "para:39"]
    );
}

fn month_name(m: u32) -> String {
    let name = MONTHS[m as usize - 1];
    let mut c = name.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// English list of days: `16`, `16 and 17`, `1, 2 and 3`.
fn en_list(days: &[u32]) -> String {
    match days {
        [one] => one.to_string(),
        [rest @ .., last] => format!(
            "{} and {last}",
            rest.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        [] => String::new(),
    }
}

/// Chinese list of days: `16日`, `16日和17日`, `1日、2日和3日`.
fn zh_list(days: &[u32]) -> String {
    match days {
        [one] => format!("{one}日"),
        [rest @ .., last] => format!(
            "{}和{last}日",
            rest.iter()
                .map(|d| format!("{d}日"))
                .collect::<Vec<_>>()
                .join("、")
        ),
        [] => String::new(),
    }
}

fn days() -> impl Strategy<Value = Vec<u32>> {
    proptest::collection::btree_set(1u32..=28, 1..=3).prop_map(|s| s.into_iter().collect())
}

proptest! {
    #[test]
    fn dates_lists_of_days_and_years(m in 1u32..=12, days in days(), year in 1990u32..2040, us in any::<bool>()) {
        let en = if us {
            format!("on {} {}, {year}", month_name(m), en_list(&days))
        } else {
            format!("on {} {} {year}", en_list(&days), month_name(m))
        };
        let zh = format!("于{year}年{m}月{}", zh_list(&days));
        same_anchors(&en, &zh)?;
    }

    #[test]
    fn ranges_of_days(m in 1u32..=12, a in 1u32..=14, len in 1u32..=14, dash in prop::sample::select(vec!["–", "-", " to "]), zh_day in any::<bool>()) {
        let b = a + len;
        let en = format!("from {a}{dash}{b} {}", month_name(m));
        let zh = if zh_day { format!("{m}月{a}日至{b}日") } else { format!("{m}月{a}至{b}日") };
        same_anchors(&en, &zh)?;
    }

    #[test]
    fn ranges_across_months(m in 1u32..=11, a in 1u32..=28, b in 1u32..=28, year in 1990u32..2040) {
        let en = format!("{a} {}–{b} {} {year}", month_name(m), month_name(m + 1));
        let zh = format!("{year}年{m}月{a}日至{}月{b}日", m + 1);
        same_anchors(&en, &zh)?;
    }

    #[test]
    // 12 a.m. is written "midnight" (午夜), not 上午12时: morning hours run 1–11.
    fn clock_times(h in 1u32..=12, minute in 0u32..60, pm in any::<bool>()) {
        let h = if pm { h } else { h.min(11) };
        let en = format!("at {h}.{minute:02} {}", if pm { "p.m." } else { "a.m." });
        let zh = format!("{}{h}时{minute}分", if pm { "下午" } else { "上午" });
        same_anchors(&en, &zh)?;
    }

    #[test]
    fn percentages(whole in 1u32..100, tenth in proptest::option::of(0u32..10)) {
        let value = match tenth { Some(t) => format!("{whole}.{t}"), None => whole.to_string() };
        same_anchors(&format!("rose by {value} per cent"), &format!("增长{value}%"))?;
    }

    #[test]
    fn millions_and_billions(n in 1u32..1000, billions in any::<bool>()) {
        // 3 million = 300万; 3 billion = 30亿.
        let (en, zh) = if billions {
            (format!("{n} billion"), format!("{}亿", n * 10))
        } else {
            (format!("{n} million"), format!("{}万", n * 100))
        };
        same_anchors(&format!("a total of ${en}"), &format!("共计{zh}美元"))?;
    }

    /// A number in words from 11 to 99 and its Chinese numeral (`twenty-one` /
    /// `二十一`, `fifteenth` / `十五`), wherever it stands, not only before a measure word
    /// (a lone `十` is not: it is too often part of a word, `十分` "very").
    #[test]
    fn numbers_in_words(n in 11u32..100, ordinal in any::<bool>()) {
        let (en, zh) = (en_number_word(n, ordinal), zh_numeral(n));
        same_anchors(&format!("She was sent to the {en} team."), &format!("她被发到{zh}队。"))?;
    }
}

/// The English words of `n` (11 to 99), written out here independently of the
/// segmenter's own tables so that the test checks them.
fn en_number_word(n: u32, ordinal: bool) -> String {
    let units: Vec<&str> = "_ one two three four five six seven eight nine ten eleven twelve \
        thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
        .split_whitespace()
        .collect();
    let nths: Vec<&str> = "_ first second third fourth fifth sixth seventh eighth ninth tenth \
        eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
        .split_whitespace()
        .collect();
    let tens: Vec<&str> = "_ _ twenty thirty forty fifty sixty seventy eighty ninety"
        .split_whitespace()
        .collect();
    let (t, u) = ((n / 10) as usize, (n % 10) as usize);
    let words = if ordinal { &nths } else { &units };
    match (n < 20, u) {
        (true, _) => words[n as usize].to_string(),
        // twentieth, thirtieth, …
        (false, 0) if ordinal => format!("{}ieth", tens[t].trim_end_matches('y')),
        (false, 0) => tens[t].to_string(),
        (false, _) => format!("{}-{}", tens[t], words[u]),
    }
}

fn zh_numeral(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let (t, u) = ((n / 10) as usize, (n % 10) as usize);
    let mut out = String::new();
    if t > 1 {
        out.push(DIGITS[t]);
    }
    out.push('十');
    if u > 0 {
        out.push(DIGITS[u]);
    }
    out
}

/// Approximate numbers (`三两个` "two or three", `十七八个` "seventeen or eighteen")
/// and list enumerators (`(二十七)`) are no quantity: no number anchor; `二十两` is
/// twenty taels, not twenty-two.
#[test]
fn numerals_that_are_not_quantities() {
    none_of_kind(
        AnchorKind::Number,
        &[],
        &[
            "又见三两个妇人。",
            "翻了十七八个滚。",
            "(二十七)",
            "（二十八）",
            "对千百万人的权利的影响。",
        ],
    );
    same_anchors("He lent them another twenty.", "韦小宝借了二十两给他们。").unwrap();
}

/// How often: `twice` / `两次`, `three times` / `三次` (a single time, `once` / `一次`,
/// gives no anchor on either side: `once` is also a conjunction).
#[test]
fn how_often() {
    for (en, zh) in [
        ("The group meets twice per year.", "小组每年举行两次会议。"),
        ("It met three times.", "它举行了三次会议。"),
        ("It was revised thrice.", "它修订了三次。"),
    ] {
        same_anchors(en, zh).unwrap();
    }
}

/// Neither segmenter finds an anchor of `kind` in any of `en` and `zh`.
fn none_of_kind(kind: AnchorKind, en: &[&str], zh: &[&str]) {
    let (es, zs) = (EnglishSegmenter::new(), ChineseSegmenter::new());
    let found = en
        .iter()
        .map(|t| (*t, es.anchors(t)))
        .chain(zh.iter().map(|t| (*t, zs.anchors(t))));
    for (text, anchors) in found {
        assert!(
            !anchors.iter().any(|a| a.kind == kind),
            "{text}: {anchors:?}"
        );
    }
}

/// A question and an exclamation give both versions the same mood anchors, whatever
/// the marks' width; a question mark of a URL asks nothing.
#[test]
fn questions_and_exclamations() {
    for (en, zh) in [
        ("Are you coming tomorrow?", "你明天来吗？"),
        ("Get a move on, will you!", "快进来！"),
        ("Who was it? Nobody knew!", "是谁？没人知道！"),
    ] {
        same_anchors(en, zh).unwrap();
    }
    none_of_kind(
        AnchorKind::Mood,
        &["See https://twitter.com/who/status/1642?s=08 for the briefing."],
        &["小组每年举行两次会议。"],
    );
}

/// A quotation gives both versions the quote anchor, whatever marks each language
/// uses; an apostrophe, a plural's apostrophe or an abbreviated decade is no quotation.
#[test]
fn quotations() {
    for (en, zh) in [
        ("'Surrender?'", "小玄子笑道：“投不投降？”"),
        ("‘Never!’ he said.", "他说：「死也不降！」"),
        (
            "the “Our Common Agenda” report",
            "《我们的共同议程》报告中的“共同议程”",
        ),
        ("He said: \"No.\"", "他说：＂不。＂"),
    ] {
        same_anchors(en, zh).unwrap();
    }
    none_of_kind(
        AnchorKind::Quote,
        &[
            "The boy's arms and the girls' game don't matter.",
            "In the '90s it grew.",
            "It was O'Neill.",
        ],
        &["小组每年举行两次会议。"],
    );
}
