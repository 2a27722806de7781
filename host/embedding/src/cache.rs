//! The on-disk cache of the compiled component — trusted only when it is ours.
//!
//! Compiling the component with Cranelift takes about a second; loading a
//! compiled artifact takes milliseconds. But an artifact is native code that
//! runs outside the WebAssembly sandbox, so a file is loaded only when
//!
//! - its directory is owned by this process's user and writable by no one else
//!   (a missing one is created with mode 0700; a directory that fails the check
//!   is not used at all), and
//! - it carries an HMAC-SHA256 made with this cache's key: 32 random bytes in
//!   `key` in the same directory, mode 0600, written on first use. Only a process
//!   that could read the key — this user's — can have written a valid one. (A
//!   digest fixed at build time cannot work: the artifact is compiled at run
//!   time, for this CPU.)
//!
//! Anything else is compiled afresh and, in a private directory, replaced.
//! The file name is a SHA-256 over wasmtime's precompile-compatibility hash
//! (wasmtime version, target, the settings that affect code) and the component
//! bytes, so another engine build, wasmtime or settings never even try a stale
//! artifact. Files are written to a temporary name and renamed, so a concurrent
//! reader sees a whole file or none. Long-running processes (the JNI bridge in
//! the calendar's JVM and in Flink) pass no directory and compile once in memory.

use std::fs::{self, DirBuilder, OpenOptions};
use std::hash::{Hash, Hasher};
use std::io::{ErrorKind, Read as _, Write as _};
use std::os::unix::fs::{DirBuilderExt as _, MetadataExt as _, OpenOptionsExt as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use hmac::{Hmac, Mac as _};
use sha2::{Digest, Sha256};
use wasmtime::component::Component;

const KEY_FILE: &str = "key";
const KEY_BYTES: usize = 32;
const MAC_BYTES: usize = 32;

/// Where a component came from (tests tell a load from a compile by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A verified artifact of this cache.
    Loaded,
    /// Compiled now (no cache, an untrusted directory, or no valid artifact).
    Compiled,
}

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

/// Loads the compiled component from `dir` if a trusted artifact is there, or
/// compiles it (and stores it when `dir` is private). A cache that cannot be
/// used only costs time.
pub fn load_or_compile(engine: &wasmtime::Engine, component: &[u8], dir: Option<&Path>) -> anyhow::Result<(Component, Source)> {
    let Some(key) = dir.and_then(|dir| cache_key(dir).ok()) else {
        return Ok((compile(engine, component)?, Source::Compiled));
    };
    let dir = dir.expect("a key comes from a directory");
    let path = artifact_path(dir, engine, component);
    if let Some(artifact) = read_verified(&path, &key) {
        // SAFETY: the bytes carry this cache's HMAC, which only this user's
        // processes can make (the key is private to them), and `store` below
        // is the only writer: they are `Component::serialize` output of this
        // engine configuration and component (the name is their hash).
        if let Ok(loaded) = unsafe { Component::deserialize(engine, &artifact) } {
            return Ok((loaded, Source::Loaded));
        }
    }
    let compiled = compile(engine, component)?;
    let _ = store(&compiled, dir, &path, &key);
    Ok((compiled, Source::Compiled))
}

fn compile(engine: &wasmtime::Engine, component: &[u8]) -> anyhow::Result<Component> {
    Component::from_binary(engine, component).map_err(anyhow::Error::from).context("compiling the engine component")
}

/// The directory's key, once the directory is known to be private (created if missing).
fn cache_key(dir: &Path) -> anyhow::Result<[u8; KEY_BYTES]> {
    DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    let user = rustix::process::geteuid().as_raw();
    let meta = fs::symlink_metadata(dir)?;
    anyhow::ensure!(meta.is_dir(), "{} is not a directory", dir.display());
    anyhow::ensure!(meta.uid() == user, "{} is owned by another user", dir.display());
    anyhow::ensure!(meta.mode() & 0o022 == 0, "{} is writable by others", dir.display());

    let path = dir.join(KEY_FILE);
    let mut fresh = [0u8; KEY_BYTES];
    getrandom::fill(&mut fresh).map_err(|error| anyhow::anyhow!("no random key: {error}"))?;
    match OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path) {
        Ok(mut file) => {
            file.write_all(&fresh)?;
            file.sync_all()?;
            return Ok(fresh);
        }
        Err(error) if error.kind() == ErrorKind::AlreadyExists => {}
        Err(error) => return Err(error.into()),
    }
    let meta = fs::symlink_metadata(&path)?;
    anyhow::ensure!(meta.is_file() && meta.uid() == user && meta.mode() & 0o077 == 0, "{} is not this user's private key", path.display());
    let mut key = [0u8; KEY_BYTES];
    fs::File::open(&path)?.read_exact(&mut key)?;
    Ok(key)
}

fn mac(key: &[u8; KEY_BYTES]) -> Hmac<Sha256> {
    Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length")
}

/// The artifact's bytes if the file ends in a valid HMAC of them.
fn read_verified(path: &Path, key: &[u8; KEY_BYTES]) -> Option<Vec<u8>> {
    let mut bytes = fs::read(path).ok()?;
    let split = bytes.len().checked_sub(MAC_BYTES)?;
    let tag = bytes.split_off(split);
    let mut check = mac(key);
    check.update(&bytes);
    check.verify_slice(&tag).ok()?;
    Some(bytes)
}

fn store(component: &Component, dir: &Path, path: &Path, key: &[u8; KEY_BYTES]) -> anyhow::Result<()> {
    let mut bytes = component.serialize()?;
    let mut tag = mac(key);
    tag.update(&bytes);
    bytes.extend_from_slice(&tag.finalize().into_bytes());
    let temporary = dir.join(format!(".{}.{}.tmp", path.file_name().unwrap_or_default().to_string_lossy(), std::process::id()));
    let written = OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&temporary).and_then(|mut file| file.write_all(&bytes));
    written.and_then(|()| fs::rename(&temporary, path)).inspect_err(|_| {
        let _ = fs::remove_file(&temporary);
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
