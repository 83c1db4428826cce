//! A scan of XML as it unpacks, in a few bytes of state: the length of each event an XML
//! reader buffers whole (a text, a tag with its attributes, a comment, a CDATA section, a
//! processing instruction) is held to [`MAX_XML_EVENT`], and each start tag is handed to a
//! callback. A document type declaration is refused: OOXML forbids them, and they are how
//! entity bombs are built.

use super::limits::{refuse, MAX_XML_EVENT};
use crate::error::AppResult;

/// Where the scan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Text,
    /// After `<`, telling a tag from a comment, CDATA or processing instruction.
    Open,
    /// In a tag; inside a quoted attribute value when the quote is set.
    Tag(Option<u8>),
    /// In a comment, CDATA or processing instruction, until the terminator.
    Until(&'static [u8]),
}

/// The scan of one XML part.
#[derive(Debug)]
pub struct XmlScan {
    part: String,
    state: State,
    /// Bytes of the current event so far.
    run: usize,
    /// The current tag's bytes after `<` (bounded by [`MAX_XML_EVENT`]).
    tag: Vec<u8>,
    /// The two bytes before this one in a comment, CDATA or instruction.
    last: [u8; 2],
}

impl XmlScan {
    /// A scan of the part named `part` (named in refusals).
    pub fn new(part: &str) -> Self {
        XmlScan { part: part.to_owned(), state: State::Text, run: 0, tag: Vec::new(), last: [0; 2] }
    }

    /// Scans the next bytes; `on_tag` gets each start tag (the bytes between `<` and `>`).
    pub fn feed(
        &mut self,
        bytes: &[u8],
        on_tag: &mut dyn FnMut(&[u8]) -> AppResult<()>,
    ) -> AppResult<()> {
        for &b in bytes {
            self.run += 1;
            if self.run > MAX_XML_EVENT {
                return Err(refuse(
                    format!("{}: an XML text or tag is over {MAX_XML_EVENT} bytes", self.part),
                    &format!("{}：单段 XML 超过 {MAX_XML_EVENT} 字节", self.part),
                ));
            }
            match self.state {
                State::Text if b == b'<' => self.start(State::Open),
                State::Text => {}
                State::Open | State::Tag(_) => self.tag.push(b),
                State::Until(_) => {}
            }
            match self.state {
                State::Open => self.open()?,
                State::Tag(Some(q)) if b == q => self.state = State::Tag(None),
                State::Tag(None) if b == b'"' || b == b'\'' => self.state = State::Tag(Some(b)),
                State::Tag(None) if b == b'>' => {
                    self.tag.pop();
                    if !self.tag.starts_with(b"/") {
                        on_tag(&self.tag)?;
                    }
                    self.start(State::Text);
                }
                State::Until(end) if self.ends(end, b) => self.start(State::Text),
                State::Until(_) => self.last = [self.last[1], b],
                _ => {}
            }
        }
        Ok(())
    }

    /// A new event begins.
    fn start(&mut self, state: State) {
        self.state = state;
        self.run = 0;
        self.tag.clear();
    }

    /// After `<`: decides the event's kind once its first bytes are in.
    fn open(&mut self) -> AppResult<()> {
        const COMMENT: &[u8] = b"!--";
        const CDATA: &[u8] = b"![CDATA[";
        let head = self.tag.as_slice();
        self.state = match head {
            [] => State::Open,
            [b'?', ..] => State::Until(b"?>"),
            h if h == COMMENT => State::Until(b"-->"),
            h if h == CDATA => State::Until(b"]]>"),
            h if COMMENT.starts_with(h) || CDATA.starts_with(h) => State::Open,
            [b'!', ..] => {
                return Err(refuse(
                    format!("{}: a document type declaration is not allowed", self.part),
                    &format!("{}：不允许文档类型声明", self.part),
                ))
            }
            _ => State::Tag(None),
        };
        if matches!(self.state, State::Until(_)) {
            self.tag.clear();
            self.last = [0; 2];
        }
        Ok(())
    }

    /// Whether byte `b` ends the terminator `end` (at most 3 bytes) of the event.
    fn ends(&self, end: &[u8], b: u8) -> bool {
        let (last, before) = end.split_last().expect("a terminator");
        *last == b && self.last.ends_with(before)
    }
}

/// A tag's name without its namespace prefix.
pub fn local_name(tag: &[u8]) -> &[u8] {
    let end = tag.iter().position(|b| b.is_ascii_whitespace() || *b == b'/').unwrap_or(tag.len());
    let name = &tag[..end];
    name.iter().rposition(|&b| b == b':').map_or(name, |i| &name[i + 1..])
}

/// The raw value of attribute `key` of a tag (between `<` and `>`), if it has one.
pub fn attr<'a>(tag: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let mut rest = tag;
    while let Some(i) = rest.iter().position(|&b| b == b'=') {
        let name = rest[..i].trim_ascii_end();
        let name = &name[name.iter().rposition(|b| b.is_ascii_whitespace())? + 1..];
        let after = rest[i + 1..].trim_ascii_start();
        let (&quote, value) = after.split_first()?;
        let end = value.iter().position(|&b| b == quote)?;
        if name == key {
            return Some(&value[..end]);
        }
        rest = &value[end + 1..];
    }
    None
}
