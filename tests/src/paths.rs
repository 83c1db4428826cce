//! Where the build products live. Missing ones fail loudly with the command that builds them:
//! an end-to-end test that silently skips proves nothing.

use crate::{fail, TestResult};
use std::path::PathBuf;

/// The `guanjia` server binary: `GUANJIA_BIN`, else `target/debug/guanjia` beside this test
/// executable (`target/debug/deps/<test>`), which is where `cargo build -p server` puts it.
pub fn server_binary() -> TestResult<PathBuf> {
    let path = match std::env::var_os("GUANJIA_BIN") {
        Some(p) => PathBuf::from(p),
        None => {
            let exe = std::env::current_exe()?;
            let debug_dir = exe
                .parent()
                .and_then(|deps| deps.parent())
                .ok_or("cannot derive target/debug from the test executable's path")?;
            debug_dir.join("guanjia")
        }
    };
    if !path.is_file() {
        return fail(format!(
            "server binary {} is missing: build it with \
             `cargo build -p server --bin guanjia` (same CARGO_TARGET_DIR) or set GUANJIA_BIN",
            path.display()
        ));
    }
    Ok(path)
}

/// The app bundle: `GUANJIA_DIST`, else `<workspace>/dist`. Must hold `index.html`.
pub fn dist_dir() -> TestResult<PathBuf> {
    let dir = match std::env::var_os("GUANJIA_DIST") {
        Some(p) => PathBuf::from(p),
        // Read at run time (cargo sets it for tests and examples): a compiled-in path would
        // point at whichever clone last built this crate into a shared target directory.
        None => std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
            .join("..")
            .join("dist"),
    };
    if !dir.join("index.html").is_file() {
        return fail(format!(
            "app bundle {}/index.html is missing: build it with `trunk build --release --offline` \
             in the workspace root (scripts/test.sh does it: build_app in scripts/toolchain.sh) \
             or set GUANJIA_DIST",
            dir.display()
        ));
    }
    Ok(dir)
}

/// The chromedriver executable: `CHROMEDRIVER`, else Debian's `/usr/bin/chromedriver`.
pub fn chromedriver() -> TestResult<PathBuf> {
    let path = PathBuf::from(
        std::env::var_os("CHROMEDRIVER").unwrap_or_else(|| "/usr/bin/chromedriver".into()),
    );
    if !path.is_file() {
        return fail(format!(
            "chromedriver {} is missing: `apt-get install chromium-driver` or set CHROMEDRIVER",
            path.display()
        ));
    }
    Ok(path)
}

/// The Chromium executable: `CHROME_BIN`, else Debian's `/usr/bin/chromium`.
pub fn chrome() -> TestResult<PathBuf> {
    let path =
        PathBuf::from(std::env::var_os("CHROME_BIN").unwrap_or_else(|| "/usr/bin/chromium".into()));
    if !path.is_file() {
        return fail(format!(
            "Chromium {} is missing: `apt-get install chromium` or set CHROME_BIN",
            path.display()
        ));
    }
    Ok(path)
}

/// Where `scripts/toolchain.sh`'s `ensure_axe` installs axe-core's browser bundle.
pub const AXE_DEFAULT: &str = ".cache/guanjia/axe/node_modules/axe-core/axe.min.js";

/// axe-core's browser bundle: `GUANJIA_AXE`, else `$HOME/` + [`AXE_DEFAULT`]. The
/// accessibility walk never skips: a missing bundle fails with the command that installs it.
pub fn axe() -> TestResult<PathBuf> {
    let path = match std::env::var_os("GUANJIA_AXE") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(AXE_DEFAULT),
    };
    if !path.is_file() {
        return fail(format!(
            "axe-core {} is missing: install it with \
             `npm install --prefix ~/.cache/guanjia/axe axe-core@4` (scripts/test.sh does it: \
             ensure_axe in scripts/toolchain.sh) or set GUANJIA_AXE",
            path.display()
        ));
    }
    Ok(path)
}
