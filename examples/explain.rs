//! Print the evidence behind candidate links of two presegmented files:
//! `cargo run --release --example explain -- ZH EN zh_ids en_ids [zh_ids en_ids …]`
//! (ids comma-separated, e.g. `3 3,4`).

use bitext_align::{explain, Config, Unit};
use bitext_core::{fold_width, Segmenter};
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;

fn units(seg: &dyn Segmenter, path: &str) -> (Vec<Unit>, Vec<String>) {
    let text = std::fs::read_to_string(path).expect("readable input");
    let lines: Vec<String> = text
        .trim_end_matches('\n')
        .split('\n')
        .map(str::to_string)
        .collect();
    let units = lines
        .iter()
        .map(|l| {
            let (len, _) = seg.leading_label(l);
            let body = if len < l.len() { &l[len..] } else { l.as_str() };
            Unit {
                tokens: seg.lexical_tokens(body).into(),
                anchors: seg.anchors(l),
                length: seg.length(l),
                text: fold_width(l).to_lowercase(),
                part: 0,
                ending: bitext_core::Ending::of(&fold_width(l).to_lowercase()),
            }
        })
        .collect();
    (units, lines)
}

fn range(s: &str) -> std::ops::Range<usize> {
    let ids: Vec<usize> = s.split(',').map(|x| x.parse().expect("id")).collect();
    ids[0]..ids[ids.len() - 1] + 1
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (zh, zl) = units(&ChineseSegmenter::new(), &args[0]);
    let (en, el) = units(&EnglishSegmenter::new(), &args[1]);
    let pairs: Vec<_> = args[2..]
        .chunks(2)
        .map(|c| (range(&c[0]), range(&c[1])))
        .collect();
    let mut config = Config::default();
    let zs = ChineseSegmenter::new();
    let es = EnglishSegmenter::new();
    let builtin = [
        bitext_pipeline::glossary::BUILTIN_GLOSSARY,
        bitext_pipeline::glossary::BUILTIN_COMMON_WORDS,
    ];
    for line in builtin.iter().flat_map(|g| g.lines().skip(1)) {
        let f: Vec<&str> = line.split('\t').collect();
        for z in f[1].split('|') {
            config
                .glossary
                .pairs
                .push((zs.lexical_tokens(z), es.lexical_tokens(f[0])));
        }
    }
    for ((z, e), ev) in pairs.iter().zip(explain(&zh, &en, &config, &pairs)) {
        println!("{z:?} {e:?} {ev:?}");
        for i in z.clone() {
            println!(
                "  zh {i}: {} {:?}",
                zl[i],
                zh[i]
                    .anchors
                    .iter()
                    .map(|a| a.to_string())
                    .collect::<Vec<_>>()
            );
        }
        for j in e.clone() {
            println!(
                "  en {j}: {} {:?}",
                el[j],
                en[j]
                    .anchors
                    .iter()
                    .map(|a| a.to_string())
                    .collect::<Vec<_>>()
            );
        }
    }
}
