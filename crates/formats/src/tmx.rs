//! TMX 1.4b writing.

use crate::{Record, WriterOptions};
use std::io::Write;

/// Characters XML 1.0 forbids.
pub(crate) fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Escape the five XML specials and drop forbidden characters; returns the count dropped.
fn escape_into(out: &mut String, text: &str) -> usize {
    let mut removed = 0;
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // A raw CR would be normalised to LF by any XML parser.
            '\r' => out.push_str("&#13;"),
            c if forbidden(c) => removed += 1,
            c => out.push(c),
        }
    }
    removed
}

fn attr(text: &str) -> String {
    let mut s = String::new();
    escape_into(&mut s, text);
    s
}

pub(crate) fn write_header(out: &mut dyn Write, o: &WriterOptions) -> std::io::Result<()> {
    let src = if o.source_is_en {
        &o.en_lang
    } else {
        &o.zh_lang
    };
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header creationtool=\"bitext\" creationtoolversion=\"{}\" segtype=\"{}\" o-tmf=\"bitext\" adminlang=\"en-US\" srclang=\"{}\" datatype=\"plaintext\" creationdate=\"{}\"/>\n  <body>\n",
        attr(&o.tool_version),
        attr(&o.segtype),
        attr(src),
        attr(&o.creation_date)
    )
}

pub(crate) fn write_tu(
    out: &mut dyn Write,
    r: &Record,
    o: &WriterOptions,
) -> std::io::Result<usize> {
    let mut s = String::with_capacity(r.en.len() + r.zh.len() + 256);
    let mut removed = 0;
    s.push_str("    <tu>\n");
    let mut prop = |s: &mut String, name: &str, value: &str| {
        s.push_str("      <prop type=\"x-");
        s.push_str(name);
        s.push_str("\">");
        removed += escape_into(s, value);
        s.push_str("</prop>\n");
    };
    if let Some(doc) = &r.meta.doc {
        prop(&mut s, "document", doc);
    }
    if let Some(date) = &r.meta.doc_date {
        prop(&mut s, "document-date", date);
    }
    if let Some(block) = &r.block {
        prop(&mut s, "paragraph", block);
    }
    if !r.footnote_refs.is_empty() {
        prop(&mut s, "footnote-refs", &r.footnote_refs.join(" "));
    }
    if r.confirmed {
        prop(&mut s, "review", "confirmed");
    }
    prop(&mut s, "link-type", &r.link_type());
    prop(&mut s, "score", &format!("{:.3}", r.score));
    let (en_tag, zh_tag) = match o.relabel {
        true => (&o.en_lang, &o.zh_lang),
        false => (
            r.meta.en_lang.as_ref().unwrap_or(&o.en_lang),
            r.meta.zh_lang.as_ref().unwrap_or(&o.zh_lang),
        ),
    };
    let en = (en_tag, &r.en, &r.meta.en_tmx);
    let zh = (zh_tag, &r.zh, &r.meta.zh_tmx);
    let sides = if o.source_is_en { [en, zh] } else { [zh, en] };
    for (lang, text, markup) in sides {
        if text.is_empty() && markup.is_none() {
            continue;
        }
        s.push_str("      <tuv xml:lang=\"");
        s.push_str(&attr(lang));
        s.push_str("\"><seg>");
        match markup {
            // Level-2 content as read from a TMX: already escaped, inline codes kept.
            Some(m) => s.push_str(m),
            None => removed += escape_into(&mut s, text),
        }
        s.push_str("</seg></tuv>\n");
    }
    s.push_str("    </tu>\n");
    out.write_all(s.as_bytes())?;
    Ok(removed)
}

pub(crate) fn write_footer(out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(b"  </body>\n</tmx>\n")
}
