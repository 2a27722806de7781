//! The on-disk cache of the compiled component.
//!
//! Compiling the component with Cranelift takes about a second; loading the
//! compiled artifact takes milliseconds. The file name is a SHA-256 over
//! wasmtime's precompile-compatibility hash (wasmtime version, target, the
//! settings that affect code) and the component bytes, so a new engine build,
//! another wasmtime or other settings never load a stale artifact. Files are
//! written to a temporary name and renamed, so a concurrent reader sees a
//! whole file or none.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use sha2::{Digest, Sha256};
use wasmtime::component::Component;

/// `$XDG_CACHE_HOME/promo`, else `$HOME/.cache/promo`.
pub fn default_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME").filter(|dir| !dir.is_empty()).map(PathBuf::from);
    let base = xdg.or_else(|| std::env::var_os("HOME").filter(|dir| !dir.is_empty()).map(|home| PathBuf::from(home).join(".cache")))?;
    Some(base.join("promo"))
}

/// The cache file of `component` compiled by `engine` in `dir`.
pub fn artifact_path(dir: &Path, engine: &wasmtime::Engine, component: &[u8]) -> PathBuf {
    let mut hasher = DigestHasher(Sha256::new());
    engine.precompile_compatibility_hash().hash(&mut hasher);
    hasher.0.update(component);
    let digest = hasher.0.finalize();
    let key: String = digest[..16].iter().map(|byte| format!("{byte:02x}")).collect();
    dir.join(format!("engine-{key}.cwasm"))
}

/// Loads the compiled component from `dir`, or compiles it and stores it
/// there. A cache that cannot be read or written only costs time.
pub fn load_or_compile(engine: &wasmtime::Engine, component: &[u8], dir: Option<&Path>) -> anyhow::Result<Component> {
    let Some(dir) = dir else {
        return compile(engine, component);
    };
    let path = artifact_path(dir, engine, component);
    if path.is_file() {
        // SAFETY: the file was written by `store` below from
        // `Component::serialize` of this very engine configuration and
        // component (the name is their hash), in a directory of this user.
        if let Ok(loaded) = unsafe { Component::deserialize_file(engine, &path) } {
            return Ok(loaded);
        }
    }
    let compiled = compile(engine, component)?;
    let _ = store(&compiled, dir, &path);
    Ok(compiled)
}

fn compile(engine: &wasmtime::Engine, component: &[u8]) -> anyhow::Result<Component> {
    Component::from_binary(engine, component).map_err(anyhow::Error::from).context("compiling the engine component")
}

fn store(component: &Component, dir: &Path, path: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let bytes = component.serialize()?;
    let temporary = dir.join(format!(".{}.{}.tmp", path.file_name().unwrap_or_default().to_string_lossy(), std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })?;
    Ok(())
}

/// Feeds `Hash` output into a SHA-256 digest.
struct DigestHasher(Sha256);

impl Hasher for DigestHasher {
    fn finish(&self) -> u64 {
        0 // only the digest is read
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
}
