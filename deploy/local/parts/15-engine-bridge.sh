# The JNI bridge to the engine component (flink-udf-bridge/): the Rust cdylib
# (flink-udf-bridge/native, on promo_host) and the Java library around it,
# installed into ~/.m2 as com.promocalendar:promo-engine-bridge:0.1.0-SNAPSHOT
# for the event calendar (validation, preview) and the Flink job.

engine_bridge_dir() { echo "$ROOT/flink-udf-bridge"; }

part_engine_bridge_build() {
  (cd "$ROOT" && cargo build --release -q -p promo-engine-jni) || die "building the JNI library failed"
  (cd "$(engine_bridge_dir)" && mvn -B -q -ntp install -pl engine-bridge -am -DskipTests) \
    || die "installing promo-engine-bridge failed"
}

# The bridge's own tests: spec cases, the java.time property test, threads under
# GC pressure, class-loader isolation, errors naming the field.
part_engine_bridge_test() {
  (cd "$(engine_bridge_dir)" && mvn -B -ntp verify -pl engine-bridge)
}
