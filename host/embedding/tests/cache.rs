//! The compiled-component cache loads only what this user's processes wrote
//! into a directory no one else can write to; anything else is compiled again.

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use promo_host::cache::{Source, artifact_path, load_or_compile};

/// The smallest component (no imports, exports or code): caching does not look inside.
const EMPTY_COMPONENT: &[u8] = &[0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

fn engine() -> wasmtime::Engine {
    wasmtime::Engine::new(wasmtime::Config::new().wasm_component_model(true)).unwrap()
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cache-trust").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_private_directory_is_created_and_its_own_artifact_loaded() {
    let (engine, dir) = (engine(), fresh_dir("private"));

    assert_eq!(load_or_compile(&engine, EMPTY_COMPONENT, Some(&dir)).unwrap().1, Source::Compiled);
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("key")), 0o600);
    assert_eq!(mode(&artifact_path(&dir, &engine, EMPTY_COMPONENT)), 0o600);
    assert_eq!(load_or_compile(&engine, EMPTY_COMPONENT, Some(&dir)).unwrap().1, Source::Loaded);
}

#[test]
fn an_artifact_without_this_caches_digest_is_compiled_again_and_replaced() {
    let (engine, dir) = (engine(), fresh_dir("tampered"));
    load_or_compile(&engine, EMPTY_COMPONENT, Some(&dir)).unwrap();
    let artifact = artifact_path(&dir, &engine, EMPTY_COMPONENT);

    // a planted file of the right name: the serialized component, but a digest made without the key
    let mut planted = std::fs::read(&artifact).unwrap();
    let last = planted.len() - 1;
    planted[last] ^= 0x01;
    std::fs::write(&artifact, &planted).unwrap();
    assert_eq!(load_or_compile(&engine, EMPTY_COMPONENT, Some(&dir)).unwrap().1, Source::Compiled);
    assert_ne!(std::fs::read(&artifact).unwrap(), planted, "the planted file is replaced");
    assert_eq!(load_or_compile(&engine, EMPTY_COMPONENT, Some(&dir)).unwrap().1, Source::Loaded);

    // an artifact from before the digest existed (wasmtime's bare serialization)
    std::fs::write(&artifact, wasmtime::component::Component::new(&engine, EMPTY_COMPONENT).unwrap().serialize().unwrap()).unwrap();
    assert_eq!(load_or_compile(&engine, EMPTY_COMPONENT, Some(&dir)).unwrap().1, Source::Compiled);
}

#[test]
fn a_directory_others_may_write_to_is_not_used_at_all() {
    let (engine, dir) = (engine(), fresh_dir("shared"));
    load_or_compile(&engine, EMPTY_COMPONENT, Some(&dir)).unwrap();
    let artifact = artifact_path(&dir, &engine, EMPTY_COMPONENT);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::remove_file(&artifact).unwrap();

    // a valid artifact is not even looked at in a directory anyone could have written to ...
    assert_eq!(load_or_compile(&engine, EMPTY_COMPONENT, Some(&dir)).unwrap().1, Source::Compiled);
    // ... and nothing is stored there
    assert!(!artifact.exists());
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
}

#[test]
fn a_key_others_may_read_makes_the_directory_untrusted() {
    let (engine, dir) = (engine(), fresh_dir("readable-key"));
    load_or_compile(&engine, EMPTY_COMPONENT, Some(&dir)).unwrap();
    std::fs::set_permissions(dir.join("key"), std::fs::Permissions::from_mode(0o644)).unwrap();

    assert_eq!(load_or_compile(&engine, EMPTY_COMPONENT, Some(&dir)).unwrap().1, Source::Compiled);
}
