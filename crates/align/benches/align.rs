//! Aligner speed on the report pair taken as presegmented streams (zh.txt lines against
//! en.clean.txt lines), with one and two worker threads. Units/s and MB/s are printed by
//! criterion as throughput (bytes of both inputs).

use bitext_align::stages::Stages;
use bitext_align::{align_units, Config, Unit};
use bitext_core::{fold_width, Segmenter};
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn units(seg: &dyn Segmenter, text: &str) -> Vec<Unit> {
    text.lines()
        .map(|line| {
            let (label_len, _) = seg.leading_label(line);
            Unit {
                tokens: seg
                    .lexical_tokens(&line[label_len.min(line.len())..])
                    .into(),
                anchors: seg.anchors(line),
                length: seg.length(line),
                text: fold_width(line).to_lowercase(),
                part: 0,
                ending: bitext_core::Ending::of(&fold_width(line).to_lowercase()),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/cpc63-programme25");
    let zh_text = std::fs::read_to_string(format!("{dir}/zh.txt")).expect("zh.txt");
    let en_text = std::fs::read_to_string(format!("{dir}/en.clean.txt")).expect("en.clean.txt");
    let zh = units(&ChineseSegmenter::new(), &zh_text);
    let en = units(&EnglishSegmenter::new(), &en_text);
    let config = Config::default();
    let mut group = c.benchmark_group("align_presegmented");
    group.throughput(Throughput::Bytes((zh_text.len() + en_text.len()) as u64));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        group.bench_function(format!("threads_{threads}"), |b| {
            b.iter(|| pool.install(|| align_units(std::hint::black_box(&zh), &en, &config)))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("align_units_per_second");
    group.throughput(Throughput::Elements((zh.len() + en.len()) as u64));
    group.bench_function("threads_1", |b| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("pool");
        b.iter(|| pool.install(|| align_units(&zh, &en, &config)))
    });
    group.finish();

    // The stages one at a time, one thread: where the time of an alignment goes.
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let stages = one.install(|| Stages::new(&zh, &en, &config));
    let mut group = c.benchmark_group("stages");
    let band = 8;
    group.throughput(Throughput::Elements((zh.len() * (2 * band + 1)) as u64));
    group.bench_function("score_1_1_pairs", |b| {
        b.iter(|| one.install(|| stages.score_band(band)))
    });
    group.throughput(Throughput::Elements((zh.len() + en.len()) as u64));
    group.bench_function("dp_pass_near_previous", |b| {
        b.iter(|| one.install(|| stages.dp_pass()))
    });
    group.bench_function("learn_lexicon", |b| {
        b.iter(|| one.install(|| stages.learn_lexicon()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
