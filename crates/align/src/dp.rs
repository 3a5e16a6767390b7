//! Monotonic dynamic programme over two unit ranges, in a band found by a cheap
//! first pass, and the moved-unit pass.

use crate::lexicon::Lexicon;
use crate::prepared::Prepared;
use crate::score::{sigmoid, PairCache, Params, Scorer};
use bitext_core::Link;
use rayon::prelude::*;
use std::ops::Range;

/// The most units a side of a DP link may have: the pair cache combines the ratios of
/// that many units ([`crate::score::PairCache`]); four, for the sentences a literary
/// translation splits four ways (`Params::split_link_shapes`).
pub const MAX_LINK_UNITS: usize = 4;

/// The shapes of `shapes` a DP can search, in their order after the two that leave a
/// unit unpaired (always there: without them some cells are out of reach): none
/// empty on both sides (it would never advance), none over `max_units` a side, none
/// twice.
pub(crate) fn searchable(
    shapes: impl IntoIterator<Item = (usize, usize)>,
    max_units: usize,
) -> Vec<(usize, usize)> {
    let mut out = vec![(1, 0), (0, 1)];
    for (di, dj) in shapes {
        if di + dj > 0 && di <= max_units && dj <= max_units && !out.contains(&(di, dj)) {
            out.push((di, dj));
        }
    }
    out
}

/// How far below `-gap_open` a link's score bound must be for the DP to skip it
/// (float sums of the same parts in another order differ in the last bits).
const HOPELESS_MARGIN: f64 = 1e-6;

/// Per row `i` (0..=n), the allowed column interval `[lo, hi]` (inclusive).
type Band = Vec<(usize, usize)>;

/// How the DP searches: the bands of cells it scores. They bound the work (the DP
/// must stay near-linear in the input), not the evidence: a wider band gives the same
/// links on the dev data at more cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchParams {
    /// Half-width of the final band around the first-pass path.
    pub narrow: usize,
    /// Half-width of the band around the previous round's alignment: a lexicon round
    /// moves few links, and little; the band widens to `narrow` where the path leans
    /// on its edge.
    pub guided_width: usize,
    /// Above this many cells, the first pass follows a guide path from anchors instead
    /// of a band around the diagonal.
    pub large: usize,
    /// Half-width of the band around a guide path.
    pub guide_width: usize,
    /// The first band tried around the diagonal (beyond the length difference);
    /// doubled, up to the widest band, for the stretches of the path that run along its
    /// edge. 16 gives the same links as 32 on the six un2023 streams, their
    /// concatenation and the report pair.
    pub first_half: usize,
    /// A path closer than this to a band edge may have been held in by it.
    pub edge_margin: usize,
    /// Where a path leans on its band's edge, the stretch of it this many rows on
    /// either side is searched again in the wider band (±`narrow` in a lexicon round,
    /// twice the width in the first pass): a detour is local, and searching the whole
    /// band again doubled the cost of a round. The same links as searching it all on
    /// the six un2023 streams, their concatenation (and ×4) and the report pair; on
    /// novels, where paths lean on edges more often, MAC-Dev's F1 is the same and 5 of
    /// the 24 MAC-Test chapters differ (F1 0.837 either way).
    pub widen_rows: usize,
    /// The widest first-pass band is this share of the longer side (1/5) …
    pub widest_divisor: usize,
    /// … and at least this many units, beyond the length difference.
    pub widest_min: usize,
}

impl Default for SearchParams {
    fn default() -> Self {
        SearchParams {
            narrow: 8,
            guided_width: 4,
            large: 2_000_000,
            guide_width: 80,
            first_half: 16,
            edge_margin: 4,
            widen_rows: 32,
            widest_divisor: 5,
            widest_min: 60,
        }
    }
}

/// The widest first-pass band: a share of the longer side beyond the length
/// difference, bounded so that a pathological input cannot make the DP quadratic.
fn wide_half(n: usize, m: usize, search: &SearchParams) -> usize {
    let half = (n.max(m) / search.widest_divisor).max(search.widest_min) + n.abs_diff(m);
    half.min((search.large / (n + 1)).max(search.widest_min))
}

fn diagonal_band(n: usize, m: usize, half: usize) -> Band {
    (0..=n)
        .map(|i| {
            let centre = (i * m).checked_div(n).unwrap_or(0);
            (centre.saturating_sub(half), (centre + half).min(m))
        })
        .collect()
}

/// A guide path for long inputs: units that share an anchor found exactly once on
/// each side (a resolution number, a date, a symbol) are fixed points; the longest
/// chain of them in order, joined by straight lines, leads the first pass.
fn guide_path(p: &Prepared, zr: &Range<usize>, er: &Range<usize>) -> Option<Vec<(usize, usize)>> {
    use std::collections::HashMap;
    let mut seen: HashMap<u32, (u32, usize, u32, usize)> = HashMap::new();
    for (k, u) in p.zh[zr.clone()].iter().enumerate() {
        for &a in &u.anchors {
            let e = seen.entry(a).or_insert((0, 0, 0, 0));
            e.0 += 1;
            e.1 = k;
        }
    }
    for (k, u) in p.en[er.clone()].iter().enumerate() {
        for &a in &u.anchors {
            let e = seen.entry(a).or_insert((0, 0, 0, 0));
            e.2 += 1;
            e.3 = k;
        }
    }
    let mut points: Vec<(usize, usize)> = seen
        .values()
        .filter(|e| e.0 == 1 && e.2 == 1)
        .map(|e| (e.1, e.3))
        .collect();
    points.sort_unstable();
    points.dedup();
    // Longest chain increasing in both coordinates (patience sorting on j).
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; points.len()];
    for (k, &(_, j)) in points.iter().enumerate() {
        let pos = tails.partition_point(|&t| points[t].1 < j);
        if pos > 0 {
            prev[k] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    if tails.len() < 2 {
        return None;
    }
    let mut chain = Vec::new();
    let mut at = tails.last().copied();
    while let Some(k) = at {
        chain.push(points[k]);
        at = prev[k];
    }
    chain.reverse();
    let (n, m) = (zr.len(), er.len());
    let mut path = vec![(0, 0)];
    let mut corners: Vec<(usize, usize)> = chain;
    corners.push((n, m));
    for &(i1, j1) in &corners {
        let (i0, j0) = *path.last().expect("path");
        let steps = (i1 - i0).max(j1.saturating_sub(j0)).max(1);
        for s in 1..=steps {
            path.push((
                i0 + (i1 - i0) * s / steps,
                j0 + (j1.saturating_sub(j0)) * s / steps,
            ));
        }
    }
    Some(path)
}

/// The rows where the path runs within `margin` of an edge of the band that the grid
/// itself does not impose.
fn edge_rows<'a>(
    path: &'a [(usize, usize)],
    band: &'a Band,
    m: usize,
    margin: usize,
) -> impl Iterator<Item = usize> + 'a {
    path.iter()
        .filter(move |&&(i, j)| {
            let (lo, hi) = band[i];
            (lo > 0 && j < lo + margin) || (hi < m && j + margin > hi)
        })
        .map(|&(i, _)| i)
}

/// The DP with all moves near an earlier path: ±`guided_width` first; where the new
/// path leans on that band's edge, the stretch of it within `widen_rows` rows is
/// searched again ±`narrow` ([`SearchParams`]).
fn near_path(
    ctx: &Scorer<'_>,
    zr: &Range<usize>,
    er: &Range<usize>,
    path: &[(usize, usize)],
) -> Outcome {
    let (n, m) = (zr.len(), er.len());
    let search = &ctx.params.search;
    let band = band_of_width(path, n, m, search.guided_width);
    let shapes = searchable(ctx.params.dp_shapes(), MAX_LINK_UNITS);
    let mut outcome = run(ctx, zr.start, er.start, n, m, &band, &shapes);
    let stretches = stretches_to_widen(&outcome, &band, m, search);
    if stretches.is_empty() {
        return outcome;
    }
    let wide = band_of_width(path, n, m, search.narrow);
    search_again(ctx, zr, er, &mut outcome, &wide, &stretches, &shapes);
    outcome
}

/// Search the `stretches` of `outcome`'s path ([`stretches_to_widen`]) again in the
/// `wide` band, each between its end points, and put what is found in their place.
fn search_again(
    ctx: &Scorer<'_>,
    zr: &Range<usize>,
    er: &Range<usize>,
    outcome: &mut Outcome,
    wide: &Band,
    stretches: &[(usize, usize)],
    shapes: &[(usize, usize)],
) {
    // From the last stretch back, so that the earlier ones keep their indices.
    for &(s, e) in stretches.iter().rev() {
        let ((i0, j0), (i1, j1)) = (outcome.path[s], outcome.path[e]);
        let mut sub: Band = wide[i0..=i1]
            .iter()
            .map(|&(lo, hi)| (lo.max(j0) - j0, hi.min(j1).max(j0) - j0))
            .collect();
        connect(&mut sub);
        let found = run(
            ctx,
            zr.start + i0,
            er.start + j0,
            i1 - i0,
            j1 - j0,
            &sub,
            shapes,
        );
        if found.path.is_empty() {
            continue;
        }
        let shifted = |(a, b): (usize, usize)| (a + i0, b + j0);
        let path: Vec<(usize, usize)> = found.path[1..].iter().map(|&c| shifted(c)).collect();
        outcome.path.splice(s + 1..=e, path);
        let links = found
            .links
            .into_iter()
            .map(|(z, e_, score)| (z.start + i0..z.end + i0, e_.start + j0..e_.end + j0, score));
        outcome.links.splice(s..e, links);
    }
}

/// The stretches of `outcome`'s path (indices `(s, e)` into its points) to search
/// again in a wider band: around each place the path leans on the band's edge, from a
/// point `widen_rows` rows before to one as far after, each moved outwards until
/// the path reaches it by a link (or starts there) and leaves it by a link (or ends
/// there), so that the path outside the stretch costs the same whatever the stretch
/// becomes. Overlapping stretches are merged.
fn stretches_to_widen(
    outcome: &Outcome,
    band: &Band,
    m: usize,
    search: &SearchParams,
) -> Vec<(usize, usize)> {
    let (path, links) = (&outcome.path, &outcome.links);
    let last = path.len().saturating_sub(1);
    let is_link = |k: usize| !links[k].0.is_empty() && !links[k].1.is_empty();
    let mut stretches: Vec<(usize, usize)> = Vec::new();
    for row in edge_rows(path, band, m, search.edge_margin) {
        let mut s = path.partition_point(|&(i, _)| i + search.widen_rows < row);
        while s > 0 && !is_link(s - 1) {
            s -= 1;
        }
        let mut e = path
            .partition_point(|&(i, _)| i <= row + search.widen_rows)
            .min(last);
        while e < last && !is_link(e) {
            e += 1;
        }
        match stretches.last_mut() {
            Some(prev) if s <= prev.1 => prev.1 = prev.1.max(e),
            _ => stretches.push((s, e)),
        }
    }
    stretches
}

fn band_of_width(path: &[(usize, usize)], n: usize, m: usize, width: usize) -> Band {
    let mut band: Band = vec![(usize::MAX, 0); n + 1];
    for &(i, j) in path {
        let lo = i.saturating_sub(width);
        let hi = (i + width).min(n);
        for row in band.iter_mut().take(hi + 1).skip(lo) {
            row.0 = row.0.min(j.saturating_sub(width));
            row.1 = row.1.max((j + width).min(m));
        }
    }
    connect(&mut band);
    band
}

/// Keep a band connected: each row starts no later than the previous row ends.
fn connect(band: &mut Band) {
    for i in 1..band.len() {
        if band[i].0 > band[i - 1].1 {
            band[i].0 = band[i - 1].1;
        }
        band[i].1 = band[i].1.max(band[i].0);
    }
}

struct Outcome {
    /// Visited cells of the best path, from (0,0) to (n,m).
    path: Vec<(usize, usize)>,
    /// Links as (zh local range, en local range, logit).
    links: Vec<(Range<usize>, Range<usize>, f64)>,
}

/// Whether the units of one side of a link are all in one part of the document
/// (see [`Unit::part`](crate::Unit::part)).
pub(crate) fn one_part(units: &[crate::prepared::PUnit]) -> bool {
    units.windows(2).all(|w| w[0].part == w[1].part)
}

/// The cells of the band: row `i` holds columns `band[i].0..=band[i].1`, stored row
/// after row.
struct Grid<'b> {
    n: usize,
    m: usize,
    band: &'b Band,
    /// Where each row starts in the flat tables (`n + 2` entries).
    offset: Vec<usize>,
}

impl<'b> Grid<'b> {
    fn new(n: usize, m: usize, band: &'b Band) -> Self {
        let mut offset = vec![0usize; n + 2];
        for i in 0..=n {
            let (lo, hi) = band[i];
            offset[i + 1] = offset[i] + (hi + 1 - lo.min(hi + 1));
        }
        Grid { n, m, band, offset }
    }

    #[inline]
    fn inside(&self, i: usize, j: usize) -> bool {
        i <= self.n && j <= self.m && self.band[i].0 <= j && j <= self.band[i].1
    }

    #[inline]
    fn idx(&self, i: usize, j: usize) -> usize {
        self.offset[i] + (j - self.band[i].0)
    }

    fn width(&self, i: usize) -> usize {
        self.offset[i + 1] - self.offset[i]
    }

    fn cells(&self) -> usize {
        self.offset[self.n + 1]
    }
}

/// The DP's tables. Two layers: the best score of a path ending in a link (0) or in
/// an unpaired unit (1). The best scores are needed only for the rows a move reaches
/// back to: a ring of rows, not the whole band (the traceback needs only `back` and
/// `from_layer`); on long inputs this is most of the DP's memory.
struct Tables {
    ring: usize,
    best: Vec<[Vec<f64>; 2]>,
    /// The move that reached each cell, per layer.
    back: [Vec<u8>; 2],
    /// The layer it came from.
    from_layer: [Vec<u8>; 2],
    /// The logit of the link that ends at each cell.
    link_score: Vec<f64>,
}

impl Tables {
    fn new(grid: &Grid, moves: &[(usize, usize)]) -> Self {
        let ring = moves.iter().map(|&(di, _)| di).max().unwrap_or(1) + 1;
        let cells = grid.cells();
        Tables {
            ring,
            best: (0..ring).map(|_| [Vec::new(), Vec::new()]).collect(),
            back: [vec![u8::MAX; cells], vec![u8::MAX; cells]],
            from_layer: [vec![0u8; cells], vec![0u8; cells]],
            link_score: vec![0.0f64; cells],
        }
    }

    fn start_row(&mut self, grid: &Grid, i: usize) {
        for layer in &mut self.best[i % self.ring] {
            layer.clear();
            layer.resize(grid.width(i), f64::NEG_INFINITY);
        }
    }
}

/// What the link scores of a band need: the scorer, where the band starts in the
/// document, and the moves that are links.
struct Links<'s, 'c> {
    ctx: &'s Scorer<'c>,
    z0: usize,
    e0: usize,
    /// The moves of both sides (`(index in moves, (di, dj))`).
    moves: Vec<(usize, (usize, usize))>,
    /// The index of each move among the link moves (`usize::MAX`: a gap move).
    slot_of: Vec<usize>,
    /// The most units a link takes on one side.
    max_d: usize,
    multi_unit: bool,
}

impl<'s, 'c> Links<'s, 'c> {
    fn new(ctx: &'s Scorer<'c>, z0: usize, e0: usize, moves: &[(usize, usize)]) -> Self {
        let link_moves: Vec<(usize, (usize, usize))> = moves
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, (di, dj))| *di > 0 && *dj > 0)
            .collect();
        let slot_of = (0..moves.len())
            .map(|k| {
                link_moves
                    .iter()
                    .position(|&(m, _)| m == k)
                    .unwrap_or(usize::MAX)
            })
            .collect();
        Links {
            ctx,
            z0,
            e0,
            multi_unit: link_moves.iter().any(|&(_, (di, dj))| di > 1 || dj > 1),
            max_d: link_moves
                .iter()
                .map(|&(_, (di, dj))| di.max(dj))
                .max()
                .unwrap_or(1),
            moves: link_moves,
            slot_of,
        }
    }

    /// The lexical part of every cell comes from the unit pairs around it, computed
    /// once per pair for a chunk of rows; links of several units reuse their pairs'
    /// token ratios.
    fn cache_for(&self, grid: &Grid, rows: Range<usize>) -> PairCache {
        let (n, m, max_d) = (grid.n, grid.m, self.max_d);
        // zh units used by links ending in these rows, and for each the en units.
        let zs = rows.start.saturating_sub(max_d)..rows.end.saturating_sub(1).min(n);
        let en_ranges: Vec<Range<usize>> = zs
            .clone()
            .map(|z| {
                let cells = (z + 1)..=(z + max_d).min(n);
                let lo = cells
                    .clone()
                    .map(|i| grid.band[i].0.saturating_sub(max_d))
                    .min();
                let hi = cells.map(|i| grid.band[i].1).max();
                match (lo, hi) {
                    (Some(lo), Some(hi)) if lo < hi.min(m) => self.e0 + lo..self.e0 + hi.min(m),
                    _ => self.e0..self.e0,
                }
            })
            .collect();
        PairCache::new(
            self.ctx,
            self.z0 + zs.start..self.z0 + zs.end,
            &en_ranges,
            self.multi_unit,
        )
    }

    /// The logit of every link move ending in each cell of row `i`, cell after cell
    /// (`NEG_INFINITY` where the link cannot be or can never be on a best path).
    fn row_gains(&self, grid: &Grid, i: usize, cache: &PairCache) -> Vec<f64> {
        let (ctx, z0, e0) = (self.ctx, self.z0, self.e0);
        let gap_open = ctx.params.gap_open;
        let (lo, hi) = grid.band[i];
        let mut row = Vec::with_capacity((hi + 1 - lo.min(hi + 1)) * self.moves.len());
        for j in lo..=hi {
            for &(_, (di, dj)) in &self.moves {
                let ok = di <= i
                    && dj <= j
                    && grid.inside(i - di, j - dj)
                    && one_part(&ctx.p.zh[z0 + i - di..z0 + i])
                    && one_part(&ctx.p.en[e0 + j - dj..e0 + j]);
                if !ok {
                    row.push(f64::NEG_INFINITY);
                    continue;
                }
                let (zr, er) = (z0 + i - di..z0 + i, e0 + j - dj..e0 + j);
                let rest = ctx.non_lexical(zr.clone(), er.clone());
                // A link scoring below -gap_open is never on a best path when its
                // units can be left unpaired instead (gap moves inside the band): that
                // costs at most one gap opening and leaves every continuation open.
                // Such a link of several units needs no coverage (the costly part).
                // (Its maximum over every coverage first: the bound of its coverage
                // is needed only when that maximum is not hopeless already.)
                let hopeless = (di > 1 || dj > 1)
                    && (ctx.logit_max(&rest) < -gap_open - HOPELESS_MARGIN
                        || ctx.logit_bound(&rest, cache.coverage_bound(zr.clone(), er.clone()))
                            < -gap_open - HOPELESS_MARGIN)
                    && (i - di + 1..=i).all(|r| grid.inside(r, j - dj))
                    && (j - dj + 1..=j).all(|c| grid.inside(i, c));
                row.push(if hopeless {
                    f64::NEG_INFINITY
                } else {
                    ctx.logit_from_parts(&rest, cache.coverage(zr, er))
                });
            }
        }
        row
    }
}

fn run(
    ctx: &Scorer<'_>,
    z0: usize,
    e0: usize,
    n: usize,
    m: usize,
    band: &Band,
    moves: &[(usize, usize)],
) -> Outcome {
    let grid = Grid::new(n, m, band);
    if !grid.inside(0, 0) {
        return Outcome {
            path: vec![],
            links: vec![],
        };
    }
    let mut tables = Tables::new(&grid, moves);
    tables.start_row(&grid, 0);
    tables.best[0][0][0] = 0.0;
    // Scoring links is the expensive part and each score is independent: compute them
    // for a chunk of rows in parallel, then run the (sequential) recursion over it;
    // memory stays bounded by the chunk, not the band.
    let links = Links::new(ctx, z0, e0, moves);
    const CHUNK: usize = 256;
    for chunk_start in (0..=n).step_by(CHUNK) {
        let chunk_end = (chunk_start + CHUNK).min(n + 1);
        let cache = links.cache_for(&grid, chunk_start.max(1)..chunk_end);
        let gains: Vec<Vec<f64>> = (chunk_start..chunk_end)
            .into_par_iter()
            .map(|i| links.row_gains(&grid, i, &cache))
            .collect();
        for i in chunk_start..chunk_end {
            if i > 0 {
                tables.start_row(&grid, i);
            }
            relax_row(
                &grid,
                &mut tables,
                i,
                &gains[i - chunk_start],
                moves,
                &links,
                ctx.params.gap_open,
            );
        }
    }
    trace_back(&grid, &tables, moves)
}

/// The recursion over row `i`: each cell's best path by each move from the cells it
/// reaches back to. Opening a run of unpaired units after a link costs `gap_open`: in
/// a translation, links follow links, and a lone unpaired pair between two links is
/// more likely a link with weak evidence than two missing units.
fn relax_row(
    grid: &Grid,
    tables: &mut Tables,
    i: usize,
    row: &[f64],
    moves: &[(usize, usize)],
    links: &Links,
    gap_open: f64,
) {
    let (lo, hi) = grid.band[i];
    let ring = tables.ring;
    for j in lo..=hi {
        if i == 0 && j == 0 {
            continue;
        }
        let at = grid.idx(i, j);
        for (k, &(di, dj)) in moves.iter().enumerate() {
            if di > i || dj > j || !grid.inside(i - di, j - dj) {
                continue;
            }
            let (pi, pj) = (i - di, j - dj);
            let is_link = di > 0 && dj > 0;
            let gain = if is_link {
                row[(j - lo) * links.moves.len() + links.slot_of[k]]
            } else {
                0.0
            };
            let layer = usize::from(!is_link);
            for prev_layer in 0..2 {
                let prev = tables.best[pi % ring][prev_layer][pj - grid.band[pi].0];
                if prev == f64::NEG_INFINITY {
                    continue;
                }
                let switch = if !is_link && prev_layer == 0 {
                    gap_open
                } else {
                    0.0
                };
                let total = prev + gain - switch;
                let here = &mut tables.best[i % ring][layer][j - lo];
                if total > *here {
                    *here = total;
                    tables.back[layer][at] = k as u8;
                    tables.from_layer[layer][at] = prev_layer as u8;
                    if is_link {
                        tables.link_score[at] = gain;
                    }
                }
            }
        }
    }
}

/// The best path, from its end back to (0, 0), and its links.
fn trace_back(grid: &Grid, tables: &Tables, moves: &[(usize, usize)]) -> Outcome {
    let (n, m, ring) = (grid.n, grid.m, tables.ring);
    let mut path = vec![(n, m)];
    let mut links = Vec::new();
    let (mut i, mut j) = (n, m);
    let end = m - grid.band[n].0;
    let mut layer = usize::from(tables.best[n % ring][1][end] > tables.best[n % ring][0][end]);
    while i > 0 || j > 0 {
        let at = grid.idx(i, j);
        let (di, dj) = moves[tables.back[layer][at] as usize];
        let score = if di > 0 && dj > 0 {
            tables.link_score[at]
        } else {
            0.0
        };
        links.push((i - di..i, j - dj..j, score));
        layer = tables.from_layer[layer][at] as usize;
        i -= di;
        j -= dj;
        path.push((i, j));
    }
    path.reverse();
    links.reverse();
    Outcome { path, links }
}

/// Best unpaired-vs-paired alternative of a unit: the highest 1-1 log-odds it has
/// with any unit of the other side near its position.
fn best_alternative(
    ctx: &Scorer<'_>,
    zh: Option<usize>,
    en: Option<usize>,
    zr: &Range<usize>,
    er: &Range<usize>,
    near: usize,
) -> f64 {
    // The candidates nearest the unit's expected place first (the best is usually
    // there): a candidate whose highest score cannot beat the best so far needs no
    // coverage, the costly part. The maximum does not depend on the order.
    let nearest_first = |lo: usize, centre: usize, hi: usize| {
        (0..=near)
            .flat_map(move |d| [centre.checked_sub(d), (d > 0).then(|| centre + d)])
            .flatten()
            .filter(move |k| (lo..hi).contains(k))
    };
    let mut best = f64::NEG_INFINITY;
    let mut consider = |zr: Range<usize>, er: Range<usize>| {
        if let Some(logit) = ctx.logit_if(zr, er, |max| max > best) {
            best = best.max(logit);
        }
    };
    match (zh, en) {
        (Some(i), None) => {
            let rel = (i - zr.start) * er.len() / zr.len().max(1);
            let centre = er.start + rel;
            let (lo, hi) = (
                centre.saturating_sub(near).max(er.start),
                (centre + near + 1).min(er.end),
            );
            for j in nearest_first(lo, centre, hi) {
                consider(i..i + 1, j..j + 1);
            }
        }
        (None, Some(j)) => {
            let rel = (j - er.start) * zr.len() / er.len().max(1);
            let centre = zr.start + rel;
            let (lo, hi) = (
                centre.saturating_sub(near).max(zr.start),
                (centre + near + 1).min(zr.end),
            );
            for i in nearest_first(lo, centre, hi) {
                consider(i..i + 1, j..j + 1);
            }
        }
        _ => {}
    }
    best
}

/// Whether [`align_range`] gives unpaired units their confidence (the probability
/// that they have no partner: a search of their best alternative, most of a round's
/// cost after the DP itself), or leaves it at 0 for an intermediate round whose
/// unpaired units nobody reads (lexicon learning and the next round's band look at
/// paired links and positions only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unpaired {
    Scored,
    Unscored,
}

/// Align `zr` against `er` (global unit ids) and return links with global ids.
pub(crate) fn align_range(
    p: &Prepared,
    lex: &Lexicon,
    params: &Params,
    zr: Range<usize>,
    er: Range<usize>,
    guide: Option<&[Link]>,
    unpaired: Unpaired,
) -> Vec<Link> {
    let (n, m) = (zr.len(), er.len());
    if n == 0 || m == 0 {
        let mut out: Vec<Link> = zr.map(|i| Link::new(vec![i], vec![], 1.0)).collect();
        out.extend(er.map(|j| Link::new(vec![], vec![j], 1.0)));
        return out;
    }
    let ctx = Scorer::new(p, lex, params);
    // An earlier alignment of the same range (the previous lexicon round) is a path
    // already: search near it instead of running the wide first pass again.
    if let Some(prior) = guide {
        let outcome = near_path(&ctx, &zr, &er, &path_of(prior));
        return links_of(&ctx, outcome, &zr, &er, unpaired);
    }
    let first = first_pass(&ctx, &zr, &er);
    // All moves near the first path, as in the lexicon rounds.
    let outcome = near_path(&ctx, &zr, &er, &first.path);
    links_of(&ctx, outcome, &zr, &er, unpaired)
}

/// The first pass: 1-1 links and unpaired units only, near the diagonal (or, for
/// long inputs, near a guide path of anchors): most translations stay there, and a
/// narrow band costs a fraction of a wide one.
fn first_pass(ctx: &Scorer<'_>, zr: &Range<usize>, er: &Range<usize>) -> Outcome {
    let (p, params) = (ctx.p, ctx.params);
    let (n, m) = (zr.len(), er.len());
    let search = &params.search;
    let guide = if (n + 1) * (m + 1) > search.large {
        guide_path(p, zr, er)
    } else {
        None
    };
    let (mut half, widest) = match &guide {
        Some(_) => (
            search.first_half.min(search.guide_width),
            search.guide_width,
        ),
        None => {
            let widest = wide_half(n, m, search);
            ((search.first_half + n.abs_diff(m)).min(widest), widest)
        }
    };
    let first_shapes = searchable(params.first_pass_shapes.iter().copied(), MAX_LINK_UNITS);
    let band_of_half = |half: usize| match &guide {
        Some(path) => band_of_width(path, n, m, half),
        None => diagonal_band(n, m, half),
    };
    let mut band = band_of_half(half);
    let mut first = run(ctx, zr.start, er.start, n, m, &band, &first_shapes);
    // Where the path leans on the band's edge, that stretch of it is searched again in
    // a band twice as wide, while it leans on the edge of the widened part.
    while half < widest {
        let stretches = stretches_to_widen(&first, &band, m, search);
        if stretches.is_empty() {
            break;
        }
        half = (half * 2).min(widest);
        band = band_of_half(half);
        search_again(ctx, zr, er, &mut first, &band, &stretches, &first_shapes);
    }
    first
}

/// The cells a monotone alignment passes through.
fn path_of(links: &[Link]) -> Vec<(usize, usize)> {
    let mut path = vec![(0, 0)];
    let (mut i, mut j) = (0, 0);
    for l in links {
        i += l.zh.len();
        j += l.en.len();
        path.push((i, j));
    }
    path
}

/// Links with global ids and confidences from a DP outcome.
fn links_of(
    ctx: &Scorer<'_>,
    outcome: Outcome,
    zr: &Range<usize>,
    er: &Range<usize>,
    unpaired: Unpaired,
) -> Vec<Link> {
    outcome
        .links
        .into_iter()
        .map(|(zl, el, logit)| {
            let zh: Vec<usize> = zl.map(|i| zr.start + i).collect();
            let en: Vec<usize> = el.map(|j| er.start + j).collect();
            let score = if !zh.is_empty() && !en.is_empty() {
                sigmoid(logit)
            } else if unpaired == Unpaired::Unscored {
                0.0
            } else {
                let alt = best_alternative(
                    ctx,
                    zh.first().copied(),
                    en.first().copied(),
                    zr,
                    er,
                    ctx.params.search.narrow,
                );
                1.0 - sigmoid(alt)
            };
            Link::new(zh, en, score)
        })
        .collect()
}

/// The pairs of lone units that can reach `moved_threshold`. Lexical coverage alone
/// is worth at most `lexical_weight × (1 − lexical_mid)`; below the threshold, a pair
/// also needs a shared anchor or label, or a Latin-script key of one side in the
/// other's text — so only those pairs are scored, found through an index instead of
/// scoring every pair (the same links, without the quadratic pass).
fn moved_candidates(
    p: &Prepared,
    params: &Params,
    lone_zh: &[usize],
    lone_en: &[usize],
) -> Vec<(usize, usize)> {
    let usable = |u: &crate::prepared::PUnit| !u.is_content_free();
    let zh: Vec<usize> = lone_zh
        .iter()
        .copied()
        .filter(|&i| usable(&p.zh[i]))
        .collect();
    let en: Vec<usize> = lone_en
        .iter()
        .copied()
        .filter(|&j| usable(&p.en[j]))
        .collect();
    let lexical_max = params.bias + params.lexical_max();
    // The bound holds while no other part of the score can be positive without a
    // shared key: otherwise score every pair.
    let others_bounded =
        params.anchor_miss >= 0.0 && params.label_mismatch >= 0.0 && params.length_weight >= 0.0;
    if lexical_max >= params.moved_threshold || !others_bounded {
        return zh
            .iter()
            .flat_map(|&i| en.iter().map(move |&j| (i, j)))
            .collect();
    }
    let mut by_key: std::collections::HashMap<u32, Vec<usize>> = Default::default();
    for &i in &zh {
        for &k in p.zh[i].anchors.iter().chain(&p.zh[i].labels) {
            by_key.entry(k).or_default().push(i);
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for &j in &en {
        for &k in p.en[j].anchors.iter().chain(&p.en[j].labels) {
            if let Some(list) = by_key.get(&k) {
                pairs.extend(list.iter().map(|&i| (i, j)));
            }
        }
    }
    // Latin-script keys: only units that have some are compared by text.
    let latin_hit = |from: &crate::prepared::PUnit, to: &crate::prepared::PUnit| {
        from.latin.iter().any(|k| to.text.contains(k.as_str()))
    };
    for &i in zh.iter().filter(|&&i| !p.zh[i].latin.is_empty()) {
        pairs.extend(
            en.iter()
                .filter(|&&j| latin_hit(&p.zh[i], &p.en[j]))
                .map(|&j| (i, j)),
        );
    }
    for &j in en.iter().filter(|&&j| !p.en[j].latin.is_empty()) {
        pairs.extend(
            zh.iter()
                .filter(|&&i| latin_hit(&p.en[j], &p.zh[i]))
                .map(|&i| (i, j)),
        );
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Link unpaired units to unpaired units elsewhere when the evidence is strong
/// (titles and letterheads move between the zh and en layouts).
pub(crate) fn link_moved_units(
    p: &Prepared,
    lex: &Lexicon,
    params: &Params,
    links: &mut Vec<Link>,
) {
    let lone_zh: Vec<usize> = links
        .iter()
        .filter(|l| l.en.is_empty())
        .flat_map(|l| l.zh.clone())
        .collect();
    let lone_en: Vec<usize> = links
        .iter()
        .filter(|l| l.zh.is_empty())
        .flat_map(|l| l.en.clone())
        .collect();
    if lone_zh.is_empty() || lone_en.is_empty() || lone_zh.len() * lone_en.len() > 4_000_000 {
        return;
    }
    let scorer = Scorer::new(p, lex, params);
    let pairs = moved_candidates(p, params, &lone_zh, &lone_en);
    let mut candidates: Vec<(f64, usize, usize)> = pairs
        .par_iter()
        .filter_map(|&(i, j)| {
            // Most candidates share only a common key (a year, a small number): their
            // score cannot reach the threshold whatever the coverage.
            let reaches = |logit: f64| logit >= params.moved_threshold;
            let logit = scorer.logit_if(i..i + 1, j..j + 1, reaches)?;
            reaches(logit).then_some((logit, i, j))
        })
        .collect();
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_zh = std::collections::HashSet::new();
    let mut used_en = std::collections::HashSet::new();
    let mut moved: Vec<(usize, usize, f64)> = Vec::new();
    for (logit, i, j) in candidates {
        if used_zh.contains(&i) || used_en.contains(&j) {
            continue;
        }
        used_zh.insert(i);
        used_en.insert(j);
        moved.push((i, j, sigmoid(logit)));
    }
    if moved.is_empty() {
        return;
    }
    links.retain(|l| {
        let lone_zh_used = l.en.is_empty() && l.zh.len() == 1 && used_zh.contains(&l.zh[0]);
        let lone_en_used = l.zh.is_empty() && l.en.len() == 1 && used_en.contains(&l.en[0]);
        !(lone_zh_used || lone_en_used)
    });
    for (i, j, score) in moved {
        // Links follow zh order: the moved link goes before the first link past unit i.
        let pos = links
            .iter()
            .position(|l| l.zh.iter().any(|&z| z > i))
            .unwrap_or(links.len());
        links.insert(pos, Link::new(vec![i], vec![j], score));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::report_pair_prepared;

    #[test]
    fn searchable_shapes_always_leave_units_unpaired_and_never_stall() {
        let shapes = [(1, 1), (0, 0), (5, 1), (1, 1), (2, 1)];
        assert_eq!(
            searchable(shapes, MAX_LINK_UNITS),
            [(1, 0), (0, 1), (1, 1), (2, 1)]
        );
        assert_eq!(searchable([(5, 1)], usize::MAX), [(1, 0), (0, 1), (5, 1)]);
    }

    /// The DP skips a link of several units when the bound of its score cannot reach
    /// `-gap_open`, and the last stages skip the coverage of a link whose score could
    /// not matter whatever its coverage: neither bound may be below the score (checked
    /// on every link shape, those of a document that splits sentences included, near
    /// the diagonal of the report pair, with a learned lexicon), and the first must be
    /// tight enough to skip some.
    #[test]
    fn the_score_bound_of_a_link_is_never_below_its_score() {
        let (p, lex) = report_pair_prepared();
        let params = Params {
            splits_sentences: true,
            ..Params::default()
        };
        let scorer = Scorer::new(&p, &lex, &params);
        let m = p.en.len();
        let zs = 0..p.zh.len();
        let en_ranges: Vec<Range<usize>> = zs
            .clone()
            .map(|z| z.saturating_sub(6)..(z + 7).min(m))
            .collect();
        let cache = PairCache::new(&scorer, zs.clone(), &en_ranges, true);
        let (mut checked, mut hopeless) = (0, 0);
        let shapes = searchable(params.dp_shapes(), MAX_LINK_UNITS);
        assert!(shapes.contains(&(1, 4)) && shapes.contains(&(4, 1)));
        for z in zs.clone() {
            for &(di, dj) in shapes.iter().filter(|&&(di, dj)| di > 0 && dj > 0) {
                for e in en_ranges[z].clone() {
                    let (zr, er) = (z..z + di, e..e + dj);
                    // Every pair of the link must be in the cache.
                    if zr.end > p.zh.len()
                        || zr.clone().any(|i| er.end > en_ranges[i].end)
                        || zr.clone().any(|i| er.start < en_ranges[i].start)
                    {
                        continue;
                    }
                    let rest = scorer.non_lexical(zr.clone(), er.clone());
                    let bound =
                        scorer.logit_bound(&rest, cache.coverage_bound(zr.clone(), er.clone()));
                    let exact = scorer.logit(zr.clone(), er.clone());
                    assert!(
                        bound >= exact - 1e-9,
                        "{zr:?} {er:?}: bound {bound} < score {exact}"
                    );
                    // The coverage-free maximum (moved units, gap filling, alternatives).
                    let max = scorer.logit_max(&rest);
                    assert!(max >= exact, "{zr:?} {er:?}: maximum {max} < score {exact}");
                    // And the score it lets through is the score, to the bit.
                    let through = scorer.logit_if(zr.clone(), er.clone(), |_| true);
                    assert_eq!(through.map(f64::to_bits), Some(exact.to_bits()));
                    checked += 1;
                    hopeless += usize::from(bound < -params.gap_open);
                }
            }
        }
        assert!(checked > 1000, "{checked}");
        assert!(hopeless > checked / 10, "{hopeless} of {checked} skipped");
    }

    /// Where the path of a round leans on its band's edge, searching that stretch
    /// again in the wider band finds what searching the whole wider band finds, and
    /// the path stays whole: from (0, 0) to the end, each link from one point to the
    /// next. (The guide is the best path with a stretch in the middle pushed aside, as
    /// a wrong earlier round would leave it.)
    #[test]
    fn a_path_leaning_on_the_band_edge_is_searched_again_where_it_leans() {
        let (p, lex) = report_pair_prepared();
        let params = Params::default();
        let scorer = Scorer::new(&p, &lex, &params);
        let (n, m) = (p.zh.len(), p.en.len());
        let (zr, er) = (0..n, 0..m);
        let shapes = searchable(params.dp_shapes(), MAX_LINK_UNITS);
        let best = run(&scorer, 0, 0, n, m, &diagonal_band(n, m, 40), &shapes);
        let guide: Vec<(usize, usize)> = best
            .path
            .iter()
            .map(|&(i, j)| {
                if (n / 3..2 * n / 3).contains(&i) {
                    (i, (j + 7).min(m))
                } else {
                    (i, j)
                }
            })
            .collect();
        let search = &params.search;
        let narrow_band = band_of_width(&guide, n, m, search.guided_width);
        let narrow = run(&scorer, 0, 0, n, m, &narrow_band, &shapes);
        let stretches = stretches_to_widen(&narrow, &narrow_band, m, search);
        assert!(
            !stretches.is_empty(),
            "the pushed stretch leans on the edge"
        );
        let found = near_path(&scorer, &zr, &er, &guide);
        let everywhere = run(
            &scorer,
            0,
            0,
            n,
            m,
            &band_of_width(&guide, n, m, search.narrow),
            &shapes,
        );
        assert_eq!(found.path, everywhere.path);
        assert_ne!(found.path, narrow.path, "searching again changed the path");
        assert_eq!(found.path.first(), Some(&(0, 0)));
        assert_eq!(found.path.last(), Some(&(n, m)));
        assert_eq!(found.links.len() + 1, found.path.len());
        for (k, (z, e, _)) in found.links.iter().enumerate() {
            assert_eq!((z.start, e.start), found.path[k]);
            assert_eq!((z.end, e.end), found.path[k + 1]);
        }
    }

    /// The first pass starts in a narrow band around the diagonal and searches again,
    /// twice as wide, only the stretches where the path leans on its edge. Fifty pairs
    /// of units sharing an anchor, ten en units of their own after the 15th pair and
    /// ten zh units of their own after the 35th (as many units each side; the path
    /// leaves the diagonal between): from a band of ±2 units the first pass finds the
    /// path a first band as wide as allowed finds, every pair linked.
    #[test]
    fn the_first_pass_widens_only_where_it_leans_and_finds_what_a_wide_band_finds() {
        use bitext_core::{Anchor, AnchorKind, Ending};
        let unit = |key: String, length: f64| crate::Unit {
            tokens: Vec::<String>::new().into(),
            anchors: vec![Anchor::new(AnchorKind::Symbol, key)],
            length,
            text: String::new(),
            part: 0,
            ending: Ending::Sentence,
        };
        let side = |own: &str, after: usize, length: f64| -> Vec<crate::Unit> {
            (0..50)
                .flat_map(|i| {
                    let mut units = vec![unit(format!("P{i}"), length)];
                    if i + 1 == after {
                        units.extend((0..10).map(|k| unit(format!("{own}{k}"), length)));
                    }
                    units
                })
                .collect()
        };
        let (zh, en) = (side("Z", 35, 30.0), side("E", 15, 95.0));
        let p = Prepared::new(&zh, &en, &Default::default());
        let lex = Lexicon::from_glossary(&p, &Default::default(), &Default::default());
        let (n, m) = (p.zh.len(), p.en.len());
        let with_first_half = |first_half: usize| {
            let mut params = Params::default();
            params.search.first_half = first_half;
            params
        };
        let narrow = with_first_half(2);
        let scorer = Scorer::new(&p, &lex, &narrow);
        let shapes = searchable(narrow.first_pass_shapes.iter().copied(), MAX_LINK_UNITS);
        let band = diagonal_band(n, m, 2 + n.abs_diff(m));
        let first = run(&scorer, 0, 0, n, m, &band, &shapes);
        assert!(
            !stretches_to_widen(&first, &band, m, &narrow.search).is_empty(),
            "a band of ±2 holds the path in"
        );
        let first_path =
            |params: &Params| first_pass(&Scorer::new(&p, &lex, params), &(0..n), &(0..m)).path;
        let found = first_path(&narrow);
        assert_eq!(found, first_path(&with_first_half(usize::MAX / 4)));
        assert_ne!(found, first.path, "searching again changed the path");
        // Every pair linked: 50 diagonal steps.
        let steps = found
            .windows(2)
            .filter(|w| w[1].0 > w[0].0 && w[1].1 > w[0].1);
        assert_eq!(steps.count(), 50);
    }

    /// Every pair of units that reaches the moved-unit threshold is among the
    /// candidates the index finds (checked against scoring all pairs).
    #[test]
    fn moved_candidates_miss_no_pair_that_reaches_the_threshold() {
        let (p, lex) = report_pair_prepared();
        let params = Params::default();
        let all_zh: Vec<usize> = (0..p.zh.len()).collect();
        let all_en: Vec<usize> = (0..p.en.len()).collect();
        let found = moved_candidates(&p, &params, &all_zh, &all_en);
        let scorer = Scorer::new(&p, &lex, &params);
        let mut strong = 0;
        for &i in &all_zh {
            for &j in &all_en {
                if p.zh[i].is_content_free() || p.en[j].is_content_free() {
                    continue;
                }
                if scorer.logit(i..i + 1, j..j + 1) >= params.moved_threshold {
                    strong += 1;
                    assert!(
                        found.binary_search(&(i, j)).is_ok(),
                        "pair ({i}, {j}) missed"
                    );
                }
            }
        }
        // The report pair's sentences are translations: many pairs qualify (the test
        // has teeth), and the index finds each.
        assert!(strong > 40, "only {strong} pairs reach the threshold");
        assert!(
            found.len() < all_zh.len() * all_en.len() / 4,
            "the index prunes"
        );
    }
}
