//! Translation edit rate as sacrebleu 2.x computes it (tercom's beam edit distance
//! with greedy block shifts).

use crate::pystr;
use crate::tokenize::{tercom, TerOptions};

const MAX_SHIFT_SIZE: usize = 10;
const MAX_SHIFT_DIST: usize = 50;
const BEAM_WIDTH: usize = 25;
const MAX_SHIFT_CANDIDATES: usize = 1000;
const INF: i64 = 10_000_000_000_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Ins,
    Del,
    Nop,
    Sub,
    Undef,
}

/// Edit distance with tercom's beam around the pseudo-diagonal; returns the distance
/// and the trace (ops from the hypothesis' point of view).
fn edit_distance(hyp: &[&str], reference: &[&str]) -> (i64, Vec<Op>) {
    let (nh, nr) = (hyp.len(), reference.len());
    let mut dist: Vec<Vec<(i64, Op)>> = Vec::with_capacity(nh + 1);
    dist.push((0..=nr).map(|j| (j as i64, Op::Ins)).collect());
    for _ in 0..nh {
        dist.push(vec![(INF, Op::Undef); nr + 1]);
    }
    let length_ratio = if nh > 0 { nr as f64 / nh as f64 } else { 1.0 };
    let beam = if (BEAM_WIDTH as f64) < length_ratio / 2.0 {
        (length_ratio / 2.0 + BEAM_WIDTH as f64).ceil() as i64
    } else {
        BEAM_WIDTH as i64
    };
    for i in 1..=nh {
        let pseudo_diag = (i as f64 * length_ratio).floor() as i64;
        let min_j = (pseudo_diag - beam).max(0) as usize;
        let mut max_j = (pseudo_diag + beam).min(nr as i64 + 1).max(0) as usize;
        if i == nh {
            max_j = nr + 1;
        }
        for j in min_j..max_j {
            if j == 0 {
                dist[i][j] = (dist[i - 1][j].0 + 1, Op::Del);
            } else {
                let (cost_sub, op_sub) = if hyp[i - 1] == reference[j - 1] {
                    (0, Op::Nop)
                } else {
                    (1, Op::Sub)
                };
                let ops = [
                    (dist[i - 1][j - 1].0 + cost_sub, op_sub),
                    (dist[i - 1][j].0 + 1, Op::Del),
                    (dist[i][j - 1].0 + 1, Op::Ins),
                ];
                for (cost, op) in ops {
                    if dist[i][j].0 > cost {
                        dist[i][j] = (cost, op);
                    }
                }
            }
        }
    }
    let mut trace = Vec::new();
    let (mut i, mut j) = (nh, nr);
    while i > 0 || j > 0 {
        let op = dist[i][j].1;
        trace.push(op);
        match op {
            Op::Sub | Op::Nop => {
                i -= 1;
                j -= 1;
            }
            Op::Ins => j -= 1,
            Op::Del => i -= 1,
            Op::Undef => break,
        }
    }
    trace.reverse();
    (dist[nh][nr].0, trace)
}

/// Trace from the reference's point of view → alignment (ref pos → hyp pos) and
/// error flags.
fn trace_to_alignment(trace: &[Op]) -> (Vec<Option<i64>>, Vec<u8>, Vec<u8>) {
    let (mut ph, mut pr) = (-1i64, -1i64);
    let mut align: Vec<Option<i64>> = Vec::new();
    let (mut ref_err, mut hyp_err) = (Vec::new(), Vec::new());
    let set = |align: &mut Vec<Option<i64>>, r: i64, h: i64| {
        let r = r as usize;
        if align.len() <= r {
            align.resize(r + 1, None);
        }
        align[r] = Some(h);
    };
    for &op in trace {
        // The trace is flipped before this: insertions and deletions swap sides.
        match op {
            Op::Nop | Op::Sub => {
                ph += 1;
                pr += 1;
                set(&mut align, pr, ph);
                let e = u8::from(op == Op::Sub);
                hyp_err.push(e);
                ref_err.push(e);
            }
            Op::Ins => {
                ph += 1;
                hyp_err.push(1);
            }
            Op::Del => {
                pr += 1;
                set(&mut align, pr, ph);
                ref_err.push(1);
            }
            Op::Undef => {}
        }
    }
    (align, ref_err, hyp_err)
}

fn flip(trace: &[Op]) -> Vec<Op> {
    trace
        .iter()
        .map(|&op| match op {
            Op::Ins => Op::Del,
            Op::Del => Op::Ins,
            o => o,
        })
        .collect()
}

fn perform_shift<'a>(
    words: &[&'a str],
    start: usize,
    length: usize,
    target: usize,
) -> Vec<&'a str> {
    let mut out = Vec::with_capacity(words.len());
    if target < start {
        out.extend_from_slice(&words[..target]);
        out.extend_from_slice(&words[start..start + length]);
        out.extend_from_slice(&words[target..start]);
        out.extend_from_slice(&words[start + length..]);
    } else if target > start + length {
        out.extend_from_slice(&words[..start]);
        out.extend_from_slice(&words[start + length..target]);
        out.extend_from_slice(&words[start..start + length]);
        out.extend_from_slice(&words[target..]);
    } else {
        // Python slices clamp at the end of the list.
        let cut = (length + target).min(words.len());
        out.extend_from_slice(&words[..start]);
        out.extend_from_slice(&words[start + length..cut]);
        out.extend_from_slice(&words[start..start + length]);
        out.extend_from_slice(&words[cut..]);
    }
    out
}

/// One greedy shift: the best candidate as (score gain, shifted words).
fn shift<'a>(words_h: &[&'a str], words_r: &[&str], checked: &mut usize) -> (i64, Vec<&'a str>) {
    let (pre_score, inv_trace) = edit_distance(words_h, words_r);
    let trace = flip(&inv_trace);
    let (align, ref_err, hyp_err) = trace_to_alignment(&trace);
    let aligned = |r: i64| -> Option<i64> {
        if r < 0 {
            return None;
        }
        align.get(r as usize).copied().flatten()
    };
    // (gain, length, -start_h, -idx, words)
    let mut best: Option<(i64, usize, i64, i64, Vec<&'a str>)> = None;
    let (nh, nr) = (words_h.len(), words_r.len());
    'outer: for start_h in 0..nh {
        for start_r in 0..nr {
            if start_r.abs_diff(start_h) > MAX_SHIFT_DIST {
                continue;
            }
            let mut length = 0;
            while words_h[start_h + length] == words_r[start_r + length] && length < MAX_SHIFT_SIZE
            {
                length += 1;
                // Candidate (start_h, start_r, length).
                let skip = hyp_err[start_h..start_h + length].iter().all(|&e| e == 0)
                    || ref_err[start_r..start_r + length].iter().all(|&e| e == 0)
                    || aligned(start_r as i64)
                        .is_some_and(|a| start_h as i64 <= a && a < (start_h + length) as i64);
                if !skip {
                    let mut prev_idx = -1i64;
                    for offset in -1i64..length as i64 {
                        let idx = if start_r as i64 + offset == -1 {
                            0
                        } else if let Some(a) = aligned(start_r as i64 + offset) {
                            a + 1
                        } else {
                            break;
                        };
                        if idx == prev_idx {
                            continue;
                        }
                        prev_idx = idx;
                        let shifted = perform_shift(words_h, start_h, length, idx as usize);
                        let gain = pre_score - edit_distance(&shifted, words_r).0;
                        *checked += 1;
                        let candidate = (gain, length, -(start_h as i64), -idx, shifted);
                        if best.as_ref().is_none_or(|b| candidate > *b) {
                            best = Some(candidate);
                        }
                    }
                    if *checked >= MAX_SHIFT_CANDIDATES {
                        break 'outer;
                    }
                }
                if nh == start_h + length || nr == start_r + length {
                    break;
                }
            }
        }
    }
    match best {
        None => (0, words_h.to_vec()),
        Some((gain, _, _, _, words)) => (gain, words),
    }
}

/// Number of edits (shifts + edit distance) and reference length.
pub fn translation_edit_rate(words_hyp: &[&str], words_ref: &[&str]) -> (i64, usize) {
    if words_ref.is_empty() {
        return (words_hyp.len() as i64, 0);
    }
    let mut shifts = 0;
    let mut input: Vec<&str> = words_hyp.to_vec();
    let mut checked = 0usize;
    loop {
        let (delta, new_input) = shift(&input, words_ref, &mut checked);
        if checked >= MAX_SHIFT_CANDIDATES || delta <= 0 {
            break;
        }
        shifts += 1;
        input = new_input;
    }
    let (ed, _) = edit_distance(&input, words_ref);
    (shifts + ed, words_ref.len())
}

/// Bytes of one cell of tercom's edit-distance table (a cost and an operation).
pub const CELL_BYTES: u64 = std::mem::size_of::<(i64, Op)>() as u64;

/// The default bound on one segment's edit-distance table, in MB (16 M cells of
/// hypothesis words × reference words). Real segments are far below it (500 × 500
/// words is 250,000 cells, 4 MB); a whole document on one line is not, and would take
/// gigabytes.
pub const MAX_SEGMENT_MB: u64 = 256;

/// The edit-distance cells TER needs for a segment (the largest over its references),
/// to compare with a bound ([`MAX_SEGMENT_MB`] by default) before scoring.
pub fn segment_cells(options: TerOptions, hyp: &str, refs: &[&str]) -> usize {
    let words = |t: &str| pystr::split(&tercom(pystr::rstrip(t), options)).count();
    let h = words(hyp);
    refs.iter()
        .map(|r| (h + 1).saturating_mul(words(r) + 1))
        .max()
        .unwrap_or(0)
}

/// `[best edits, average reference length]` of one segment.
pub fn segment_stats(options: TerOptions, hyp: &str, refs: &[&str]) -> Vec<f64> {
    let h = tercom(pystr::rstrip(hyp), options);
    let words_h: Vec<&str> = pystr::split(&h).collect();
    let ref_tokens: Vec<String> = refs
        .iter()
        .map(|r| tercom(pystr::rstrip(r), options))
        .collect();
    let mut best = INF;
    let mut ref_lengths = 0.0;
    for r in &ref_tokens {
        let words_r: Vec<&str> = pystr::split(r).collect();
        let (edits, len) = translation_edit_rate(&words_h, &words_r);
        ref_lengths += len as f64;
        best = best.min(edits);
    }
    vec![best as f64, ref_lengths / ref_tokens.len().max(1) as f64]
}

pub fn score_from_stats(stats: &[f64]) -> f64 {
    let (edits, ref_len) = (stats[0], stats[1]);
    100.0
        * if ref_len > 0.0 {
            edits / ref_len
        } else if edits > 0.0 {
            1.0
        } else {
            0.0
        }
}
