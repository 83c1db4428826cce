//! The two things a photo keeps from its EXIF (DESIGN §5): when it was taken
//! (`DateTimeOriginal`) and where (GPS latitude and longitude). Everything else in EXIF is
//! dropped: the photo is re-encoded on the device, which writes none. A small reader of the
//! few tags needed, so the app carries no EXIF crate; bad or missing EXIF simply yields
//! nothing.

/// What a JPEG's EXIF says about where and when it was taken.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Exif {
    /// `DateTimeOriginal` as written: year, month, day, hour, minute, second (camera time,
    /// no zone).
    pub taken: Option<[u32; 6]>,
    /// Degrees, north positive.
    pub lat: Option<f64>,
    /// Degrees, east positive.
    pub lon: Option<f64>,
}

const EXIF_IFD: u16 = 0x8769;
const GPS_IFD: u16 = 0x8825;
const DATE_TIME_ORIGINAL: u16 = 0x9003;

/// Reads the EXIF of a JPEG; anything it cannot read is left out.
pub fn read(jpeg: &[u8]) -> Exif {
    app1(jpeg).and_then(Tiff::new).map(|t| t.exif()).unwrap_or_default()
}

/// The TIFF block of the `Exif` APP1 segment, if any (segments are walked up to the scan).
fn app1(b: &[u8]) -> Option<&[u8]> {
    if b.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut i = 2;
    while i + 4 <= b.len() && b[i] == 0xFF {
        let marker = b[i + 1];
        if marker == 0xDA || marker == 0xD9 {
            return None;
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        let body = b.get(i + 4..i + 2 + len)?;
        if marker == 0xE1 && body.starts_with(b"Exif\0\0") {
            return Some(&body[6..]);
        }
        i += 2 + len;
    }
    None
}

struct Tiff<'a> {
    b: &'a [u8],
    le: bool,
}

/// One IFD entry: type, count and the value field (or the offset of the value).
struct Entry {
    typ: u16,
    count: u32,
    value: u32,
    at: usize,
}

impl<'a> Tiff<'a> {
    fn new(b: &'a [u8]) -> Option<Self> {
        let le = match b.get(..4)? {
            [b'I', b'I', 42, 0] => true,
            [b'M', b'M', 0, 42] => false,
            _ => return None,
        };
        Some(Tiff { b, le })
    }

    fn u16(&self, at: usize) -> Option<u16> {
        let s: [u8; 2] = self.b.get(at..at + 2)?.try_into().ok()?;
        Some(if self.le { u16::from_le_bytes(s) } else { u16::from_be_bytes(s) })
    }

    fn u32(&self, at: usize) -> Option<u32> {
        let s: [u8; 4] = self.b.get(at..at + 4)?.try_into().ok()?;
        Some(if self.le { u32::from_le_bytes(s) } else { u32::from_be_bytes(s) })
    }

    /// The entries of the IFD at `offset`.
    fn ifd(&self, offset: u32) -> Vec<(u16, Entry)> {
        let at = offset as usize;
        let n = self.u16(at).unwrap_or(0) as usize;
        (0..n.min(512))
            .filter_map(|k| {
                let e = at + 2 + 12 * k;
                let entry = Entry {
                    typ: self.u16(e + 2)?,
                    count: self.u32(e + 4)?,
                    value: self.u32(e + 8)?,
                    at: e + 8,
                };
                Some((self.u16(e)?, entry))
            })
            .collect()
    }

    /// An ASCII value (type 2): inline when four bytes or fewer.
    fn ascii(&self, e: &Entry) -> Option<&'a str> {
        let start = if e.count <= 4 { e.at } else { e.value as usize };
        let s = self.b.get(start..start + e.count as usize)?;
        std::str::from_utf8(s).ok().map(|s| s.trim_end_matches('\0'))
    }

    /// Degrees from three RATIONALs (type 5): degrees, minutes, seconds.
    fn degrees(&self, e: &Entry) -> Option<f64> {
        if e.typ != 5 || e.count != 3 {
            return None;
        }
        let mut parts = [0f64; 3];
        for (k, p) in parts.iter_mut().enumerate() {
            let at = e.value as usize + 8 * k;
            let (num, den) = (self.u32(at)?, self.u32(at + 4)?);
            *p = if den == 0 { return None } else { f64::from(num) / f64::from(den) };
        }
        let d = parts[0] + parts[1] / 60.0 + parts[2] / 3600.0;
        (d.is_finite() && d <= 180.0).then_some(d)
    }

    fn exif(&self) -> Exif {
        let mut out = Exif::default();
        let Some(ifd0) = self.u32(4) else { return out };
        for (tag, e) in self.ifd(ifd0) {
            match tag {
                EXIF_IFD => {
                    for (tag, e) in self.ifd(e.value) {
                        if tag == DATE_TIME_ORIGINAL && e.typ == 2 {
                            out.taken = self.ascii(&e).and_then(parse_datetime);
                        }
                    }
                }
                GPS_IFD => {
                    let (mut lat_ref, mut lon_ref) = (None, None);
                    for (tag, e) in self.ifd(e.value) {
                        match tag {
                            1 => lat_ref = self.ascii(&e),
                            2 => out.lat = self.degrees(&e),
                            3 => lon_ref = self.ascii(&e),
                            4 => out.lon = self.degrees(&e),
                            _ => {}
                        }
                    }
                    out.lat = out.lat.map(|d| if lat_ref == Some("S") { -d } else { d });
                    out.lon = out.lon.map(|d| if lon_ref == Some("W") { -d } else { d });
                }
                _ => {}
            }
        }
        out
    }
}

/// `YYYY:MM:DD HH:MM:SS`, as EXIF writes times.
fn parse_datetime(s: &str) -> Option<[u32; 6]> {
    let b = s.as_bytes();
    if b.len() < 19 {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    let t = [n(0..4)?, n(5..7)?, n(8..10)?, n(11..13)?, n(14..16)?, n(17..19)?];
    let ok =
        (1..=12).contains(&t[1]) && (1..=31).contains(&t[2]) && t[3] < 24 && t[4] < 60 && t[5] < 61;
    ok.then_some(t)
}

/// Milliseconds since the epoch of a camera time taken in a zone `offset_minutes` east of
/// UTC (the device's zone: cameras write local time).
pub fn taken_at_ms(t: [u32; 6], offset_minutes: i64) -> Option<u64> {
    let [y, m, d, hh, mm, ss] = t.map(i64::from);
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + hh * 3600 + mm * 60 + ss - offset_minutes * 60;
    u64::try_from(secs).ok().map(|s| s * 1000)
}
