//! Criterion benchmarks of the engine; see `benches/engine.rs` and README.md.
//! Each benchmark pairs the native call (the guest's modules compiled for the
//! host) with the same call through the component, in the same run, so the
//! ratio shows what the WebAssembly boundary costs.
