# The engine: the WebAssembly component (guest/), the wasmtime host library and
# the `promo` CLI (host/), and the benchmarks (benches/). Building the host
# builds the component for wasm32-wasip2 and embeds it (host/build.rs).

part_engine_build() {
  (cd "$ROOT" && cargo build --release -q -p promo-host --bin promo) || die "building the engine (promo) failed"
}

# Native unit tests of the component's logic, the host library's tests and
# `promo dry-run` run as a real process, and the benchmarks compiled (not run).
# (The job's tests in host/tests/job_* belong to the jobsink part.)
part_engine_test() {
  (cd "$ROOT" \
    && cargo test -q -p promo-engine -p promo-string-table \
    && cargo test -q -p promo-host --lib --bins --test dry_run --test engine_api \
    && cargo bench -q -p promo-benches --no-run)
}

part_engine_info() {
  echo "  engine CLI:      $ROOT/target/release/promo dry-run examples/summer-sale-berlin.json --now $(date -u +%Y-%m-%dT%H:%M:%SZ)"
}
