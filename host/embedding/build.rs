//! Builds the engine component (`../../guest`, for wasm32-wasip2) and puts it in
//! `$OUT_DIR/promo_engine.wasm`, where `src/lib.rs` embeds it with
//! `include_bytes!`. So `cargo build` of the host from a fresh clone yields one
//! self-contained artifact, and the component always matches the WIT the host
//! was compiled against.
//!
//! The nested cargo uses its own target directory (`<target>/guest-wasm`): the
//! outer cargo holds the lock of the main one for the whole build. Variables
//! that the outer build sets for itself (flags, target, wrappers) are removed
//! so they cannot leak into a build for another target.
//!
//! `PROMO_ENGINE_WASM=<path>` skips the nested build and embeds that file.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let workspace = manifest_dir.ancestors().nth(2).expect("host/embedding/ lives two levels below the workspace root").to_path_buf();
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let embedded = out_dir.join("promo_engine.wasm");

    println!("cargo:rerun-if-env-changed=PROMO_ENGINE_WASM");
    if let Some(prebuilt) = env::var_os("PROMO_ENGINE_WASM") {
        println!("cargo:rerun-if-changed={}", Path::new(&prebuilt).display());
        std::fs::copy(&prebuilt, &embedded).expect("copying PROMO_ENGINE_WASM");
        return;
    }
    for watched in ["guest/src", "guest/Cargo.toml", "string-table", "wit", "Cargo.lock", "Cargo.toml"] {
        println!("cargo:rerun-if-changed={}", workspace.join(watched).display());
    }

    let target_dir = cargo_target_dir(&out_dir).join("guest-wasm");
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(&workspace)
        .args(["build", "--package", "promo-engine", "--lib", "--release", "--target", "wasm32-wasip2"])
        .arg("--target-dir")
        .arg(&target_dir);
    for (name, _) in env::vars_os() {
        let name = name.to_string_lossy();
        let inherited_build_setting = name.starts_with("CARGO_BUILD_")
            || name.starts_with("CARGO_TARGET_")
            || name.starts_with("CARGO_ENCODED_")
            || name.starts_with("CARGO_PROFILE_")
            || matches!(
                name.as_ref(),
                "RUSTFLAGS" | "RUSTDOCFLAGS" | "RUSTC_WRAPPER" | "RUSTC_WORKSPACE_WRAPPER" | "CARGO_LLVM_COV" | "LLVM_PROFILE_FILE"
            );
        if inherited_build_setting {
            command.env_remove(name.as_ref());
        }
    }
    // The component's own release profile, whatever the workspace's says:
    // whole-program optimisation across its crates (fat LTO, one codegen unit)
    // lets the allocator shims and the binding glue inline into the render loop.
    command
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "3")
        .env("CARGO_PROFILE_RELEASE_LTO", "fat")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "1")
        .env("CARGO_PROFILE_RELEASE_PANIC", "abort");
    let status = command.status().expect("running cargo to build the engine component");
    assert!(status.success(), "building the engine component (guest/) for wasm32-wasip2 failed");

    let built = target_dir.join("wasm32-wasip2/release/promo_engine.wasm");
    std::fs::copy(&built, &embedded).unwrap_or_else(|e| panic!("copying {}: {e}", built.display()));
}

/// The outer build's target directory: the nearest ancestor of `OUT_DIR`
/// holding cargo's `.rustc_info.json`, else `OUT_DIR` itself. Sharing one
/// nested directory across profiles and host builds compiles the guest once.
fn cargo_target_dir(out_dir: &Path) -> PathBuf {
    out_dir
        .ancestors()
        .find(|dir| dir.join(".rustc_info.json").is_file())
        .unwrap_or(out_dir)
        .to_path_buf()
}
