//! Just enough of PDF to read back what Chromium's print to PDF (`Page.printToPDF`) wrote:
//! the page size, the page count and the text. Chromium (Skia) writes each page's content
//! as a Flate stream that shows 2-byte glyph ids (`<0012003A> Tj`, `[<..> 3 <..>] TJ`) in
//! fonts named by the page's resources (`/F4 12 0 R`), each font with a `ToUnicode` CMap
//! (`bfchar`, `bfrange`); the text is those glyphs mapped through their font's CMap.

use crate::TestResult;
use std::collections::HashMap;
use std::io::Read;

/// One object: its dictionary text and its stream, inflated when it was Flate-encoded.
struct Object {
    dict: String,
    stream: Vec<u8>,
}

/// A PDF file, read as its numbered objects.
pub struct Pdf {
    objects: HashMap<u32, Object>,
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

impl Pdf {
    /// Reads `bytes` (a PDF as Chromium writes it: plain objects, no object streams).
    pub fn parse(bytes: &[u8]) -> TestResult<Pdf> {
        if !bytes.starts_with(b"%PDF-") {
            return crate::fail("not a PDF: no %PDF- header");
        }
        let mut objects = HashMap::new();
        let mut at = 0;
        while let Some(o) = find(bytes, b" 0 obj", at) {
            let start = bytes[..o].iter().rposition(|b| !b.is_ascii_digit()).map_or(0, |p| p + 1);
            let number: u32 = std::str::from_utf8(&bytes[start..o])?.parse()?;
            let end = find(bytes, b"endobj", o).ok_or("an object without endobj")?;
            let body = &bytes[o + 6..end];
            let (dict, stream) = match find(body, b"stream", 0) {
                Some(s) => {
                    let mut d = s + 6;
                    while matches!(body.get(d), Some(b'\r' | b'\n')) {
                        d += 1;
                    }
                    let e = find(body, b"endstream", d).ok_or("a stream without endstream")?;
                    (&body[..s], &body[d..e])
                }
                None => (body, &body[..0]),
            };
            let dict = String::from_utf8_lossy(dict).into_owned();
            let stream = if dict.contains("/FlateDecode") {
                let mut out = Vec::new();
                flate2::read::ZlibDecoder::new(stream).read_to_end(&mut out)?;
                out
            } else {
                stream.to_vec()
            };
            objects.insert(number, Object { dict, stream });
            at = end;
        }
        Ok(Pdf { objects })
    }

    /// The pages' `/MediaBox` sizes in points, in no particular order.
    pub fn page_sizes(&self) -> Vec<(f64, f64)> {
        let pages = self
            .objects
            .values()
            .filter(|o| o.dict.contains("/Type /Page") && !o.dict.contains("/Type /Pages"));
        pages
            .filter_map(|o| {
                let b = o.dict.split("/MediaBox").nth(1)?;
                let nums: Vec<f64> = b
                    .trim_start()
                    .trim_start_matches('[')
                    .split(']')
                    .next()?
                    .split_whitespace()
                    .filter_map(|n| n.parse().ok())
                    .collect();
                Some((nums.get(2)? - nums.first()?, nums.get(3)? - nums.get(1)?))
            })
            .collect()
    }

    /// All the text the pages show, each text object (`BT … ET`) on a line of its own.
    pub fn text(&self) -> String {
        let mut fonts: HashMap<String, HashMap<u16, String>> = HashMap::new();
        for o in self.objects.values() {
            for (name, obj) in refs_in(&o.dict, "/Font") {
                let cmap = self.objects.get(&obj).and_then(|f| {
                    let to = f.dict.split("/ToUnicode").nth(1)?;
                    let n: u32 = to.split_whitespace().next()?.parse().ok()?;
                    Some(cmap(&String::from_utf8_lossy(&self.objects.get(&n)?.stream)))
                });
                if let Some(c) = cmap {
                    fonts.insert(name, c);
                }
            }
        }
        let mut out = String::new();
        for o in self.objects.values().filter(|o| !o.stream.is_empty()) {
            let content = String::from_utf8_lossy(&o.stream);
            if content.contains(" Tf") {
                show(&content, &fonts, &mut out);
            }
        }
        out
    }
}

/// `/Name N 0 R` pairs of the dictionary after `key` (`/Font << /F4 12 0 R >>`).
fn refs_in(dict: &str, key: &str) -> Vec<(String, u32)> {
    let Some(after) =
        dict.split(&format!("{key} <<")).nth(1).or_else(|| dict.split(&format!("{key}<<")).nth(1))
    else {
        return Vec::new();
    };
    let inner = after.split(">>").next().unwrap_or("");
    let words: Vec<&str> = inner.split_whitespace().collect();
    words
        .windows(4)
        .filter(|w| w[0].starts_with('/') && w[2] == "0" && w[3] == "R")
        .filter_map(|w| Some((w[0].to_owned(), w[1].parse().ok()?)))
        .collect()
}

fn hex_u16s(h: &str) -> Vec<u16> {
    let digits: Vec<u8> = h.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits
        .chunks(4)
        .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
        .collect()
}

/// A `ToUnicode` CMap: glyph id → text.
fn cmap(src: &str) -> HashMap<u16, String> {
    let mut map = HashMap::new();
    let hexes = |line: &str| -> Vec<String> {
        line.split('<').skip(1).filter_map(|p| p.split('>').next()).map(str::to_owned).collect()
    };
    for section in src.split("beginbfchar").skip(1) {
        let body = section.split("endbfchar").next().unwrap_or("");
        let h = hexes(body);
        for pair in h.chunks(2) {
            if let [g, u] = pair {
                if let Some(&g) = hex_u16s(g).first() {
                    map.insert(g, String::from_utf16_lossy(&hex_u16s(u)));
                }
            }
        }
    }
    for section in src.split("beginbfrange").skip(1) {
        let body = section.split("endbfrange").next().unwrap_or("");
        for line in body.lines() {
            let h = hexes(line);
            let (Some(lo), Some(hi), Some(dst)) = (h.first(), h.get(1), h.get(2)) else { continue };
            let (lo, hi) = (hex_u16s(lo)[0], hex_u16s(hi)[0]);
            let first = hex_u16s(dst);
            for (k, g) in (lo..=hi).enumerate() {
                let mut u = first.clone();
                if let Some(last) = u.last_mut() {
                    *last += k as u16;
                }
                map.insert(g, String::from_utf16_lossy(&u));
            }
        }
    }
    map
}

/// Appends the text a content stream shows.
fn show(content: &str, fonts: &HashMap<String, HashMap<u16, String>>, out: &mut String) {
    let mut font: Option<&HashMap<u16, String>> = None;
    let tokens: Vec<&str> = content.split_whitespace().collect();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if t == "Tf" && i >= 2 {
            font = fonts.get(tokens[i - 2]);
        } else if t == "ET" {
            out.push('\n');
        }
        if let Some(f) = font {
            // Glyph runs: each `<…>` token (inside a TJ array or before Tj).
            let runs = t.split('<').skip(1).filter_map(|p| p.split('>').next());
            for run in runs.filter(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_hexdigit())) {
                for g in hex_u16s(run) {
                    out.push_str(f.get(&g).map_or("", String::as_str));
                }
            }
        }
        i += 1;
    }
}

/// The page `b` shows, printed by Chromium to PDF (`Page.printToPDF`) with the page size
/// its print stylesheet asks for (`@page { size: A4 }`).
pub async fn print_pdf(b: &crate::Browser) -> TestResult<Vec<u8>> {
    use base64::Engine;
    let params = serde_json::json!({ "preferCSSPageSize": true, "printBackground": true });
    let reply = b.cdp("Page.printToPDF", params).await?;
    let data = reply["data"].as_str().ok_or("Page.printToPDF answered no data")?;
    Ok(base64::engine::general_purpose::STANDARD.decode(data)?)
}

/// Whether `text` (from [`Pdf::text`]) holds `needle`, whitespace aside. A CJK font may give
/// an ideograph and the radical drawn the same (日 and ⽇, 见 and ⻅) one glyph, which its
/// `ToUnicode` maps to the radical: a radical (U+2E80–U+2FDF) in the text matches any
/// ideograph of the needle.
pub fn holds(text: &str, needle: &str) -> bool {
    let hay: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let want: Vec<char> = needle.chars().filter(|c| !c.is_whitespace()).collect();
    let radical = |c: char| ('\u{2E80}'..='\u{2FDF}').contains(&c);
    let ideograph = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let same = |h: char, w: char| h == w || (radical(h) && ideograph(w));
    want.is_empty()
        || hay.windows(want.len()).any(|win| win.iter().zip(&want).all(|(h, w)| same(*h, *w)))
}
