//! Progress of long work on stderr: a bar on a terminal, plain periodic lines
//! otherwise (a log file), nothing with --quiet.

use std::io::IsTerminal;
use std::time::Instant;

/// Progress on stderr: a bar on a terminal, plain periodic lines otherwise.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    plain: bool,
    pub start: Instant,
    last: Instant,
    total: usize,
    done: usize,
    pub bytes: u64,
}

impl Progress {
    pub fn new(total: usize, quiet: bool) -> Self {
        let terminal = std::io::stderr().is_terminal();
        let bar = (!quiet && terminal).then(|| {
            let b = indicatif::ProgressBar::new(total as u64);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} documents  {msg}  ETA {eta}",
                )
                .expect("template")
                .progress_chars("=> "),
            );
            b
        });
        Progress {
            bar,
            plain: !quiet && !terminal,
            start: Instant::now(),
            last: Instant::now(),
            total,
            done: 0,
            bytes: 0,
        }
    }

    pub fn rate(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.start.elapsed().as_secs_f64().max(1e-9)
    }

    pub fn advance(&mut self, docs: usize, bytes: u64) {
        self.done += docs;
        self.bytes += bytes;
        if let Some(b) = &self.bar {
            b.set_position(self.done as u64);
            b.set_message(format!("{:.2} MB/s", self.rate()));
        } else if self.plain && (self.last.elapsed().as_secs() >= 5 || self.done == self.total) {
            self.last = Instant::now();
            say!(
                "bitext: {}/{} documents, {:.2} MB/s",
                self.done,
                self.total,
                self.rate()
            );
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
