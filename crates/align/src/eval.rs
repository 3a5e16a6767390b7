//! Link evaluation, exactly as the reference scorer `score_links.py` defines it:
//! strict precision/recall/F1 over links with both sides (exact match of the zh set and
//! the en set) and lax scores (a link counts when it shares a zh and an en unit with
//! some link of the other file).

use std::collections::{BTreeSet, HashSet};

/// One link as a pair of id sets.
pub type IdLink = (BTreeSet<usize>, BTreeSet<usize>);

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    pub gold_links: usize,
    pub gold_null: usize,
    pub predicted_links: usize,
    pub predicted_null: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub lax_precision: f64,
    pub lax_recall: f64,
    pub lax_f1: f64,
}

/// Error reading a links file.
#[derive(Debug, thiserror::Error)]
#[error("{what}, line {line}: {message}")]
pub struct ParseError {
    pub what: String,
    pub line: usize,
    pub message: String,
}

/// Parse a links TSV (`zh<TAB>en[<TAB>…]`, comma-separated 0-based ids, optional
/// header whose first field is `zh`, `src` or `source`).
pub fn parse_links(text: &str, what: &str) -> Result<Vec<IdLink>, ParseError> {
    let lines: Vec<&str> = text.split('\n').collect();
    let header = lines
        .first()
        .map(|l| l.split('\t').next().unwrap_or("").trim().to_lowercase())
        .is_some_and(|f| matches!(f.as_str(), "zh" | "src" | "source"));
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate().skip(usize::from(header)) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        if cols.len() < 2 {
            continue;
        }
        let ids = |s: &str| -> Result<BTreeSet<usize>, ParseError> {
            s.split(',')
                .filter(|x| !x.trim().is_empty())
                .map(|x| {
                    x.trim().parse::<usize>().map_err(|_| ParseError {
                        what: what.to_string(),
                        line: n + 1,
                        message: format!("{x:?} is not a unit id"),
                    })
                })
                .collect()
        };
        let (z, e) = (ids(cols[0])?, ids(cols[1])?);
        if !z.is_empty() || !e.is_empty() {
            out.push((z, e));
        }
    }
    Ok(out)
}

pub fn score(gold: &[IdLink], pred: &[IdLink]) -> Scores {
    let paired = |l: &[IdLink]| -> HashSet<IdLink> {
        l.iter()
            .filter(|(z, e)| !z.is_empty() && !e.is_empty())
            .cloned()
            .collect()
    };
    let nulls = |l: &[IdLink]| -> HashSet<(Option<usize>, Option<usize>)> {
        l.iter()
            .filter(|(z, e)| z.is_empty() || e.is_empty())
            .map(|(z, e)| (z.iter().next().copied(), e.iter().next().copied()))
            .collect()
    };
    let (g2, p2) = (paired(gold), paired(pred));
    let tp = g2.intersection(&p2).count();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let f = |p: f64, r: f64| {
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    };
    let pairs = |s: &HashSet<IdLink>| -> HashSet<(usize, usize)> {
        s.iter()
            .flat_map(|(z, e)| z.iter().flat_map(move |&a| e.iter().map(move |&b| (a, b))))
            .collect()
    };
    let (gp, pp) = (pairs(&g2), pairs(&p2));
    let hits = |s: &HashSet<IdLink>, other: &HashSet<(usize, usize)>| {
        s.iter()
            .filter(|(z, e)| {
                z.iter()
                    .any(|a| e.iter().any(|b| other.contains(&(*a, *b))))
            })
            .count()
    };
    let precision = ratio(tp, p2.len());
    let recall = ratio(tp, g2.len());
    let lax_precision = ratio(hits(&p2, &gp), p2.len());
    let lax_recall = ratio(hits(&g2, &pp), g2.len());
    Scores {
        gold_links: g2.len(),
        gold_null: nulls(gold).len(),
        predicted_links: p2.len(),
        predicted_null: nulls(pred).len(),
        precision,
        recall,
        f1: f(precision, recall),
        lax_precision,
        lax_recall,
        lax_f1: f(lax_precision, lax_recall),
    }
}

impl std::fmt::Display for Scores {
    /// The reference scorer's report, line for line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "gold links {} (+{} null), predicted {} (+{} null)",
            self.gold_links, self.gold_null, self.predicted_links, self.predicted_null
        )?;
        writeln!(
            f,
            "strict P {:.4} R {:.4} F1 {:.4}",
            self.precision, self.recall, self.f1
        )?;
        writeln!(
            f,
            "lax    P {:.4} R {:.4} F1 {:.4}",
            self.lax_precision, self.lax_recall, self.lax_f1
        )?;
        write!(f, "F1 {:.4}", self.f1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_and_lax() {
        let gold = parse_links("zh\ten\n0\t0\n1\t1,2\n\t3\n2\t\n", "gold").unwrap();
        let pred = parse_links("zh\ten\n0\t0\n1\t1\n\t2\n\t3\n2\t\n", "pred").unwrap();
        let s = score(&gold, &pred);
        assert_eq!((s.gold_links, s.predicted_links), (2, 2));
        assert!((s.precision - 0.5).abs() < 1e-9);
        assert!((s.recall - 0.5).abs() < 1e-9);
        assert!((s.lax_f1 - 1.0).abs() < 1e-9);
        assert_eq!(s.gold_null, 2);
    }

    #[test]
    fn bad_ids_are_reported_with_their_line() {
        let err = parse_links("zh\ten\n0\tx\n", "pred.tsv").unwrap_err();
        assert_eq!(err.to_string(), "pred.tsv, line 2: \"x\" is not a unit id");
    }
}
