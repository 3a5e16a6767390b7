#!/usr/bin/env bash
# How well bitext's own PDF reading serves alignment, next to Poppler's pdftotext
# (when installed): each extraction of the report-pair PDFs (tests/fixtures/pdf,
# printed by LibreOffice from the Word fixtures) is aligned by bitext and scored
# against data/cpc63-programme25/gold.tsv; extraction time is the best of 5 runs.
#   scripts/compare_pdf_extractors.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --release --example pdf_text
bin=target/release/bitext
[ -x "$bin" ] || cargo build -q --release
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pdfs=tests/fixtures/pdf
best_of_5() { # command... → seconds
    local best=999
    for _ in 1 2 3 4 5; do
        local s e
        s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
        best=$(python3 -c "print(min($best, $e - $s))")
    done
    printf '%.3f' "$best"
}
for en_pdf in en en-two-columns; do
echo "== zh.pdf + $en_pdf.pdf"
printf '%-26s %-38s %s\n' "extractor" "F1 (bitext align, report-pair gold)" "seconds zh / en"
"$bin" align "$pdfs/zh.pdf" "$pdfs/$en_pdf.pdf" -f jsonl -o "$tmp/bitext.jsonl" 2>"$tmp/err" || true
printf '%-26s %-38s %s / %s\n' "bitext (pdf-extract)" "$(python3 scripts/score_records.py data/cpc63-programme25/gold.tsv "$tmp/bitext.jsonl" | cut -d'(' -f1)" \
    "$(best_of_5 target/release/examples/pdf_text "$pdfs/zh.pdf")" "$(best_of_5 target/release/examples/pdf_text "$pdfs/$en_pdf.pdf")"
if command -v pdftotext >/dev/null; then
    for mode in -layout -raw; do
        pdftotext "$mode" "$pdfs/zh.pdf" "$tmp/zh.txt"
        pdftotext "$mode" "$pdfs/$en_pdf.pdf" "$tmp/en.txt"
        if "$bin" align "$tmp/zh.txt" "$tmp/en.txt" -f jsonl -o "$tmp/p.jsonl" 2>"$tmp/err"; then
            score=$(python3 scripts/score_records.py data/cpc63-programme25/gold.tsv "$tmp/p.jsonl" | cut -d'(' -f1)
        else
            score="refused as unrelated"
        fi
        printf '%-26s %-38s %s / %s\n' "pdftotext $mode" "$score" \
            "$(best_of_5 pdftotext "$mode" "$pdfs/zh.pdf" -)" "$(best_of_5 pdftotext "$mode" "$pdfs/$en_pdf.pdf" -)"
    done
else
    echo "pdftotext not installed (apt-get install poppler-utils): comparison skipped"
fi
done
