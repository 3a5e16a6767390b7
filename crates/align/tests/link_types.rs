//! The aligner on small synthetic documents: each link type, unpaired units, moved
//! units. Units carry made-up tokens; a glossary pairs them, as the built-in UN terms
//! do for real text.

use bitext_align::{align_units, Config, Glossary, Unit};
use bitext_core::{Anchor, AnchorKind, Link};

/// A unit whose tokens are `words` (the zh side writes them as `z:word`).
fn unit(side: &str, words: &[&str], anchors: &[&str]) -> Unit {
    let tokens: Vec<String> = words.iter().map(|w| format!("{side}{w}")).collect();
    let chars: usize = words.iter().map(|w| w.len()).sum::<usize>() + words.len();
    // Lengths in the calibrated ratio: zh ≈ 0.317 × en.
    let length = if side == "z:" {
        chars as f64 * 0.317 * 4.0
    } else {
        chars as f64 * 4.0
    };
    Unit {
        tokens: tokens.into(),
        anchors: anchors
            .iter()
            .map(|k| Anchor::new(AnchorKind::Number, *k))
            .collect(),
        length,
        text: String::new(),
        part: 0,
        ending: bitext_core::Ending::Bare,
    }
}

fn config(vocab: &[&str]) -> Config {
    Config {
        glossary: Glossary {
            pairs: vocab
                .iter()
                .map(|w| (vec![format!("z:{w}")], vec![format!("e:{w}")]))
                .collect(),
            ..Glossary::default()
        },
        ..Config::default()
    }
}

fn pairs(links: &[Link]) -> Vec<(Vec<usize>, Vec<usize>)> {
    links.iter().map(|l| (l.zh.clone(), l.en.clone())).collect()
}

const WORDS: [&str; 24] = [
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
    "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
    "uniform", "victor", "whiskey", "xray",
];

fn sentence(side: &str, k: usize) -> Unit {
    let w = &WORDS[(k * 3) % 24..(k * 3) % 24 + 3];
    unit(side, w, &[&format!("{}", 100 + k)])
}

#[test]
fn one_to_one_links_in_order() {
    let zh: Vec<Unit> = (0..6).map(|k| sentence("z:", k)).collect();
    let en: Vec<Unit> = (0..6).map(|k| sentence("e:", k)).collect();
    let links = align_units(&zh, &en, &config(&WORDS));
    let expected: Vec<_> = (0..6).map(|k| (vec![k], vec![k])).collect();
    assert_eq!(pairs(&links), expected);
    assert!(links.iter().all(|l| l.score > 0.8), "{links:?}");
}

#[test]
fn one_to_two_and_two_to_one() {
    // zh 1 is translated by en 1 + en 2; zh 3 + zh 4 by en 4.
    let zh = vec![
        sentence("z:", 0),
        unit(
            "z:",
            &["echo", "foxtrot", "golf", "hotel", "india", "juliet"],
            &["7", "8"],
        ),
        sentence("z:", 5),
        unit("z:", &["mike", "november", "oscar"], &["9"]),
        unit("z:", &["papa", "quebec", "romeo"], &["10"]),
        sentence("z:", 7),
    ];
    let en = vec![
        sentence("e:", 0),
        unit("e:", &["echo", "foxtrot", "golf"], &["7"]),
        unit("e:", &["hotel", "india", "juliet"], &["8"]),
        sentence("e:", 5),
        unit(
            "e:",
            &["mike", "november", "oscar", "papa", "quebec", "romeo"],
            &["9", "10"],
        ),
        sentence("e:", 7),
    ];
    let links = align_units(&zh, &en, &config(&WORDS));
    assert_eq!(
        pairs(&links),
        vec![
            (vec![0], vec![0]),
            (vec![1], vec![1, 2]),
            (vec![2], vec![3]),
            (vec![3, 4], vec![4]),
            (vec![5], vec![5]),
        ]
    );
}

#[test]
fn two_to_two() {
    let zh = vec![
        sentence("z:", 0),
        unit("z:", &["echo", "foxtrot", "golf", "hotel"], &["7"]),
        unit("z:", &["india", "juliet"], &["8"]),
        sentence("z:", 5),
    ];
    let en = vec![
        sentence("e:", 0),
        unit("e:", &["echo", "foxtrot"], &[]),
        unit("e:", &["golf", "hotel", "india", "juliet"], &["7", "8"]),
        sentence("e:", 5),
    ];
    let links = align_units(&zh, &en, &config(&WORDS));
    assert_eq!(pairs(&links)[1], (vec![1, 2], vec![1, 2]), "{links:?}");
}

#[test]
fn a_unit_without_counterpart_stays_unpaired() {
    // en 2 says something the zh does not; its neighbours must not absorb it.
    let zh: Vec<Unit> = [0, 1, 3, 4].iter().map(|&k| sentence("z:", k)).collect();
    let en: Vec<Unit> = (0..5).map(|k| sentence("e:", k)).collect();
    let links = align_units(&zh, &en, &config(&WORDS));
    assert_eq!(
        pairs(&links),
        vec![
            (vec![0], vec![0]),
            (vec![1], vec![1]),
            (vec![], vec![2]),
            (vec![2], vec![3]),
            (vec![3], vec![4]),
        ]
    );
    let lone = links.iter().find(|l| l.zh.is_empty()).unwrap();
    assert!(
        lone.score > 0.5,
        "an unpaired unit with no plausible partner is confident: {}",
        lone.score
    );
}

#[test]
fn a_moved_title_is_linked_out_of_order() {
    // The title comes first in zh and last in en (a letterhead moved in the layout).
    let title = |side: &str| {
        unit(
            side,
            &["xray", "whiskey", "victor", "uniform"],
            &["2023", "78"],
        )
    };
    let mut zh = vec![title("z:")];
    zh.extend((0..6).map(|k| sentence("z:", k)));
    let mut en: Vec<Unit> = (0..6).map(|k| sentence("e:", k)).collect();
    en.push(title("e:"));
    let links = align_units(&zh, &en, &config(&WORDS));
    assert!(
        pairs(&links).contains(&(vec![0], vec![6])),
        "{:?}",
        pairs(&links)
    );
    for k in 0..6 {
        assert!(pairs(&links).contains(&(vec![k + 1], vec![k])));
    }
    // Every unit exactly once.
    let mut z: Vec<usize> = links.iter().flat_map(|l| l.zh.clone()).collect();
    let mut e: Vec<usize> = links.iter().flat_map(|l| l.en.clone()).collect();
    z.sort_unstable();
    e.sort_unstable();
    assert_eq!(z, (0..7).collect::<Vec<_>>());
    assert_eq!(e, (0..7).collect::<Vec<_>>());
}

#[test]
fn empty_sides_give_unpaired_units_only() {
    let zh: Vec<Unit> = (0..2).map(|k| sentence("z:", k)).collect();
    let links = align_units(&zh, &[], &config(&WORDS));
    assert_eq!(pairs(&links), vec![(vec![0], vec![]), (vec![1], vec![])]);
    assert!(align_units(&[], &[], &config(&WORDS)).is_empty());
}
