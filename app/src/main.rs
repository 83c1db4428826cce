//! Entry point: mounts the app in the browser. Natively it does nothing (the logic is a library
//! with native tests).

fn main() {
    #[cfg(target_arch = "wasm32")]
    app::start();
}
