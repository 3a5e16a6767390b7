//! Reading speed of the document formats: the report pair as Word (.docx) and as PDF
//! (tests/fixtures), bytes of the file per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let fixture = |p: &str| {
        std::fs::read(format!(
            "{}/../../tests/fixtures/{p}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("fixture")
    };
    let mut group = c.benchmark_group("documents");
    for lang in ["zh", "en"] {
        let docx = fixture(&format!("docx/{lang}.docx"));
        group.throughput(Throughput::Bytes(docx.len() as u64));
        group.bench_function(format!("docx_{lang}"), |b| {
            b.iter(|| bitext_pipeline::docx::read("bench.docx", std::hint::black_box(&docx)))
        });
        let pdf = fixture(&format!("pdf/{lang}.pdf"));
        group.throughput(Throughput::Bytes(pdf.len() as u64));
        group.bench_function(format!("pdf_{lang}"), |b| {
            b.iter(|| bitext_pipeline::pdf::read("bench.pdf", std::hint::black_box(&pdf)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
