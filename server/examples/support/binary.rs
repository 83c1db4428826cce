//! Where the benches find the `guanjia` binary they start.

use std::path::PathBuf;

/// The binary next to the running example (`target/<profile>/guanjia`) unless `GUANJIA_BIN`
/// says.
pub fn binary() -> PathBuf {
    if let Ok(bin) = std::env::var("GUANJIA_BIN") {
        return bin.into();
    }
    let exe = std::env::current_exe().expect("current exe");
    let profile_dir = exe.parent().and_then(|d| d.parent()).expect("target/<profile>");
    profile_dir.join("guanjia")
}
