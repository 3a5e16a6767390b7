//! Print the text bitext reads from a PDF (what the segmenters get), for inspecting
//! an extraction: `cargo run --release --example pdf_text -- FILE.pdf`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: pdf_text FILE.pdf")?;
    let pdf = bitext_pipeline::pdf::read(&path, &std::fs::read(&path)?)?;
    print!("{}", pdf.text);
    eprintln!(
        "{} pages, {} footnotes, furniture: {:?}",
        pdf.pages,
        pdf.footnotes,
        pdf.furniture.iter().take(4).collect::<Vec<_>>()
    );
    Ok(())
}
