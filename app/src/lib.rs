//! Guanjia's tablet app: a Leptos client-side WebAssembly app over an IndexedDB replica.
//!
//! Natively this crate is the sync engine, the stores' shared contract, the in-memory store,
//! the request and register view models and the i18n table (all tested with plain `cargo test`); in the
//! browser it adds the IndexedDB store, the HTTP transport and the pages.

pub mod i18n;
pub mod model;
pub mod photos;
pub mod register;
pub mod store;
pub mod sync;

#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod context;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod platform;
#[cfg(target_arch = "wasm32")]
mod root;
#[cfg(target_arch = "wasm32")]
mod update;

#[cfg(target_arch = "wasm32")]
pub use root::start;
