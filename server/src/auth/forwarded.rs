//! The client address behind a trusted proxy (`--trusted-proxy`).
//!
//! A deployment puts a TLS proxy in front of the server, and then every request's TCP peer
//! is the proxy: throttling by the peer would treat all users as one address. The proxy
//! appends the address it received the request from to `X-Forwarded-For`; anything to the
//! left of it was written by the client and may be a lie. So:
//!
//! - when the TCP peer is not a trusted proxy, the header is ignored (anyone can write one)
//!   and the peer is the client;
//! - when it is, the entries of every `X-Forwarded-For` line, in order, are read from the
//!   right: trusted proxies are skipped (a chain of them), and the first other address is the
//!   client. If there is none, or the entry there is not an address (a proxy that does not
//!   write the header as it should), the peer stands: never an address the client chose.

use std::net::{IpAddr, SocketAddr};

/// The address a request came from: `peer` itself, unless `peer` is one of `trusted`
/// proxies; then the right-most address of `forwarded_for` (the header lines, in order) that
/// is not itself a trusted proxy.
pub fn client_address<'a>(
    peer: IpAddr,
    trusted: &[IpAddr],
    forwarded_for: impl IntoIterator<Item = &'a str>,
) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|t| t.to_canonical() == ip.to_canonical());
    if !is_trusted(peer) {
        return peer;
    }
    let lines: Vec<&str> = forwarded_for.into_iter().collect();
    let entries = lines.iter().rev().flat_map(|line| line.rsplit(','));
    for entry in entries.map(str::trim).filter(|e| !e.is_empty()) {
        match parse_entry(entry) {
            Some(ip) if is_trusted(ip) => continue,
            Some(ip) => return ip,
            None => return peer,
        }
    }
    peer
}

/// One `X-Forwarded-For` entry: an address, or an address with a port as some proxies write
/// it (`203.0.113.7:5123`, `[2001:db8::1]:5123`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    entry.parse::<IpAddr>().ok().or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

#[cfg(test)]
mod tests {
    use super::client_address;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("an address")
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy_and_only_its_right_end() {
        let proxy = [ip("10.0.0.1"), ip("10.0.0.2")];
        let from = |peer: &str, lines: &[&str]| client_address(ip(peer), &proxy, lines.to_vec());
        // Not from the proxy: the header is the client's own words.
        assert_eq!(from("198.51.100.9", &["203.0.113.7"]), ip("198.51.100.9"));
        assert_eq!(client_address(ip("10.0.0.1"), &[], ["203.0.113.7"]), ip("10.0.0.1"));
        // From the proxy: the right-most address that is not a proxy, whatever the client
        // wrote to its left, across several header lines.
        assert_eq!(from("10.0.0.1", &["1.1.1.1, 203.0.113.7"]), ip("203.0.113.7"));
        assert_eq!(from("10.0.0.1", &["1.1.1.1", "203.0.113.7, 10.0.0.2"]), ip("203.0.113.7"));
        assert_eq!(from("::ffff:10.0.0.1", &["203.0.113.7:5123"]), ip("203.0.113.7"));
        assert_eq!(from("10.0.0.1", &["[2001:db8::1]:443"]), ip("2001:db8::1"));
        // Nothing usable at the right end: the proxy's own address, never a client's choice.
        assert_eq!(from("10.0.0.1", &[]), ip("10.0.0.1"));
        assert_eq!(from("10.0.0.1", &["10.0.0.2, "]), ip("10.0.0.1"));
        assert_eq!(from("10.0.0.1", &["203.0.113.7, junk"]), ip("10.0.0.1"));
    }
}
