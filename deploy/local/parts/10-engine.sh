# The engine: the WebAssembly component (guest/), the wasmtime embedding
# (host/embedding), the `promo` program (host/promo) and the benchmarks
# (benches/). Building the embedding builds the component for wasm32-wasip2
# and embeds it (host/embedding/build.rs).

part_engine_build() {
  (cd "$ROOT" && cargo build --release -q -p promo) || die "building the engine (promo) failed"
}

# Native unit tests of the component's logic, the host library's tests and
# `promo dry-run` run as a real process, and the benchmarks compiled (not run).
# (The job's stack tests in host/promo/tests/job_* belong to the jobsink part.)
part_engine_test() {
  (cd "$ROOT" \
    && cargo test -q -p promo-engine -p promo-string-table \
    && cargo test -q -p promo-host \
    && cargo test -q -p promo --bins --test dry_run \
    && cargo bench -q -p promo-benches --no-run)
}

part_engine_info() {
  echo "  engine CLI:      $ROOT/target/release/promo dry-run examples/summer-sale-berlin.json --now $(date -u +%Y-%m-%dT%H:%M:%SZ)"
}
