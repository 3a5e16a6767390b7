//! Segmentation and anchor extraction speed on the report pair's en text.

use bitext_core::Segmenter;
use bitext_segment_en::EnglishSegmenter;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/cpc63-programme25/en.txt"
    );
    let text = std::fs::read_to_string(path).expect("report pair text");
    let seg = EnglishSegmenter::new();
    let mut group = c.benchmark_group("segment_en");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("segment", |b| {
        b.iter(|| seg.segment(std::hint::black_box(&text)))
    });
    group.bench_function("anchors", |b| {
        b.iter(|| seg.anchors(std::hint::black_box(&text)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
