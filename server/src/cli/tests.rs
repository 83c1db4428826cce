//! The command line parses as documented, and its defaults are the library's.

use super::{Cli, Command, Config, UserCommand};
use clap::error::ErrorKind;
use clap::Parser;
use shared::Role;

fn user_add(role: &str) -> Result<Cli, clap::Error> {
    let args = ["--site", "阳光花园", "--username", "u", "--password", "p", "--name", "n"];
    let argv = ["guanjia", "user", "add", "--role", role].into_iter().chain(args);
    Cli::try_parse_from(argv)
}

#[test]
fn a_role_is_one_of_the_roles_and_a_bad_one_lists_them() {
    let Ok(Cli { command: Command::User(UserCommand::Add(a)) }) = user_add("office") else {
        panic!("office is a role");
    };
    assert_eq!(a.role, Role::Office);
    let err = user_add("root").expect_err("root is not a role");
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    let text = err.to_string();
    for role in Role::ALL {
        assert!(text.contains(role.as_str()), "{text}");
    }
}

#[test]
fn the_flags_default_to_the_config_defaults() {
    let Ok(Cli { command: Command::Serve(a) }) = Cli::try_parse_from(["guanjia", "serve"]) else {
        panic!("serve parses");
    };
    let (from_flags, defaults) = (Config::from(&a), Config::default());
    // Every field but the clock, which has no value to compare.
    let pick = |c: &Config| {
        (
            (c.database_url.clone(), c.dist.clone(), c.body_limit),
            (c.login_free_failures, c.login_free_failures_per_address),
            (c.login_first_delay, c.login_max_delay),
            (c.session_max_age, c.session_idle, c.stream_recheck),
            (c.max_streams_per_user, c.max_concurrent_hashes, c.max_clock_ahead),
            c.trusted_proxies.clone(),
            (c.blob_dir.clone(), c.blob_url.clone(), c.blob_options.clone(), c.blob_cleanup),
        )
    };
    assert_eq!(pick(&from_flags), pick(&defaults));
    assert_eq!(a.addr, super::DEFAULT_ADDR.parse().expect("an address"));
}

#[test]
fn the_demo_flags_default_to_the_demo_defaults() {
    let Ok(Cli { command: Command::Demo(a) }) = Cli::try_parse_from(["guanjia", "demo"]) else {
        panic!("demo parses");
    };
    let size = crate::demo::DemoSize::default();
    assert_eq!((a.units, a.seed, a.areas, a.requests), (size.units, size.seed, None, None));
    assert_eq!(a.db.database_url, Config::DATABASE_URL);
}

#[test]
fn trusted_proxies_are_repeated_or_separated_by_commas_and_must_be_addresses() {
    let serve = |extra: &[&str]| {
        Cli::try_parse_from(["guanjia", "serve"].iter().chain(extra)).map(|c| match c.command {
            Command::Serve(a) => Config::from(&a).trusted_proxies,
            _ => panic!("serve parses as serve"),
        })
    };
    let got = serve(&["--trusted-proxy", "10.0.0.1,::1", "--trusted-proxy", "10.0.0.2"]);
    let want: Vec<std::net::IpAddr> =
        ["10.0.0.1", "::1", "10.0.0.2"].iter().map(|a| a.parse().unwrap()).collect();
    assert_eq!(got.unwrap(), want);
    let err = serve(&["--trusted-proxy", "proxy.local"]).expect_err("not an address");
    assert_eq!(err.kind(), ErrorKind::ValueValidation);
}

#[test]
fn blobs_live_where_the_flag_says() {
    use std::path::Path;
    let argv = ["guanjia", "serve", "--blob-dir", "/mnt/photos"];
    let Ok(Cli { command: Command::Serve(a) }) = Cli::try_parse_from(argv) else {
        panic!("serve parses");
    };
    assert_eq!(Config::from(&a).blob_dir, Path::new("/mnt/photos"));
}

#[test]
fn user_subcommands_take_the_username() {
    let argv = ["guanjia", "user", "revoke-sessions", "wang"];
    let Ok(Cli { command: Command::User(UserCommand::RevokeSessions(a)) }) =
        Cli::try_parse_from(argv)
    else {
        panic!("revoke-sessions parses");
    };
    assert_eq!(a.username, "wang");
}
