//! Segmentation and anchor extraction speed of both languages' segmenters on the
//! report pair, bytes of text per second.

use bitext_core::Segmenter;
use bitext_segment_en::EnglishSegmenter;
use bitext_segment_zh::ChineseSegmenter;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let segmenters: [(&str, Box<dyn Segmenter>); 2] = [
        ("zh", Box::new(ChineseSegmenter::new())),
        ("en", Box::new(EnglishSegmenter::new())),
    ];
    for (lang, seg) in segmenters {
        let path = format!(
            "{}/../../data/cpc63-programme25/{lang}.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(path).expect("report pair text");
        let mut group = c.benchmark_group(format!("segment_{lang}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("segment", |b| {
            b.iter(|| seg.segment(std::hint::black_box(&text)))
        });
        group.bench_function("anchors", |b| {
            b.iter(|| seg.anchors(std::hint::black_box(&text)))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
