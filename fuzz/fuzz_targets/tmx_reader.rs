//! The TMX reader on arbitrary bytes: errors are values, never panics.
#![no_main]

use bitext_formats::{read_records, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(records) = read_records(data, Format::Tmx, "fuzz") {
        for r in records.take(10_000) {
            let _ = r;
        }
    }
});
