//! The JNI library behind `com.promocalendar.engine.PromoEngine` (flink-udf-bridge/engine-bridge).
//!
//! It adds no engine of its own: every answer comes from the engine component through
//! `promo_host`, the one wasmtime embedding of the workspace (precompiled artifact cached on
//! disk, `InstancePre` prepared once), configured without signals-based traps so wasmtime never
//! installs signal handlers inside the JVM. This crate only converts: Java strings in, packed
//! `long[]` occurrences and start/end out (one JNI crossing per call, no JSON on the fast path),
//! field errors thrown as `InvalidPromotionException`.
//!
//! Handles are `Box` pointers passed to Java as `long`; Java frees each exactly once
//! (`close()` or its cleaner). A checked promotion (parsed and validated once, then asked for
//! its schedule and its messages) is used from many Java threads, so it sits behind a mutex;
//! the engine itself is shared freely.

mod engine;

use std::panic::{AssertUnwindSafe, catch_unwind};

use jni::JNIEnv;
use jni::objects::{JClass, JObject, JString, JValue};
use jni::sys::{jint, jlong, jlongArray, jstring};

use engine::{BridgeEngine, BridgePromotion, Failure, Occurrence, ResolvedDateTime};
use promo_host::{LocalDate, LocalTime, LocalTimeResolution};

const INVALID_PROMOTION: &str = "com/promocalendar/engine/InvalidPromotionException";
const FROM_NATIVE_SIGNATURE: &str =
    "([Ljava/lang/String;[Ljava/lang/String;[Ljava/lang/String;)Lcom/promocalendar/engine/InvalidPromotionException;";

/// Runs `body`, turning a failure or a panic into a pending Java exception and `fallback`.
fn guarded<T>(env: &mut JNIEnv, fallback: T, body: impl FnOnce(&mut JNIEnv) -> Result<T, Failure>) -> T {
    let outcome = catch_unwind(AssertUnwindSafe(|| body(env)));
    let failure = match outcome {
        Ok(Ok(value)) => return value,
        Ok(Err(failure)) => failure,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Failure::Internal(format!("promo engine bridge panicked: {what}"))
        }
    };
    if !env.exception_check().unwrap_or(true) {
        throw(env, failure);
    }
    fallback
}

fn throw(env: &mut JNIEnv, failure: Failure) {
    match failure {
        Failure::Invalid(errors) => {
            if throw_invalid(env, &errors).is_err() && !env.exception_check().unwrap_or(true) {
                let _ = env.throw_new("java/lang/IllegalArgumentException", "invalid promotion");
            }
        }
        Failure::Internal(message) => {
            let _ = env.throw_new("java/lang/IllegalStateException", message);
        }
        Failure::Java => {}
    }
}

fn throw_invalid(env: &mut JNIEnv, errors: &[engine::FieldError]) -> jni::errors::Result<()> {
    let length = jint::try_from(errors.len()).unwrap_or(jint::MAX);
    let string_class = env.find_class("java/lang/String")?;
    let fields = env.new_object_array(length, &string_class, JObject::null())?;
    let problems = env.new_object_array(length, &string_class, JObject::null())?;
    let messages = env.new_object_array(length, &string_class, JObject::null())?;
    for (i, error) in errors.iter().enumerate().take(length as usize) {
        let i = i as jint;
        let field = env.new_string(&error.field)?;
        env.set_object_array_element(&fields, i, &field)?;
        let problem = env.new_string(&error.problem)?;
        env.set_object_array_element(&problems, i, &problem)?;
        let message = env.new_string(&error.message)?;
        env.set_object_array_element(&messages, i, &message)?;
    }
    let exception = env
        .call_static_method(
            INVALID_PROMOTION,
            "fromNative",
            FROM_NATIVE_SIGNATURE,
            &[JValue::Object(&fields), JValue::Object(&problems), JValue::Object(&messages)],
        )?
        .l()?;
    env.throw(jni::objects::JThrowable::from(exception))
}

fn java_string(env: &mut JNIEnv, value: &JString) -> Result<String, Failure> {
    if value.is_null() {
        return Err(Failure::Internal("null string".to_owned()));
    }
    Ok(env.get_string(value).map_err(|_| Failure::Java)?.into())
}

fn year_month_day(day: LocalDate) -> jlong {
    jlong::from(day.year) * 10_000 + jlong::from(day.month) * 100 + jlong::from(day.day)
}

fn second_of_day(time: LocalTime) -> jlong {
    jlong::from(time.hour) * 3600 + jlong::from(time.minute) * 60 + jlong::from(time.second)
}

/// The ordinal of Java's `LocalTimeResolution`.
fn ordinal(resolution: LocalTimeResolution) -> jlong {
    match resolution {
        LocalTimeResolution::Exact => 0,
        LocalTimeResolution::GapMovedLater => 1,
        LocalTimeResolution::OverlapEarlierOffset => 2,
    }
}

fn long_array(env: &mut JNIEnv, values: &[jlong]) -> Result<jlongArray, Failure> {
    let length = jint::try_from(values.len()).map_err(|_| Failure::Internal("too many values".to_owned()))?;
    let array = env.new_long_array(length).map_err(|_| Failure::Java)?;
    env.set_long_array_region(&array, 0, values).map_err(|_| Failure::Java)?;
    Ok(array.into_raw())
}

/// `[index, yyyymmdd, fireAt, offsetSeconds, requestedSecondOfDay, resolution]` per occurrence
/// (`Occurrence.unpack` in Java).
fn packed(env: &mut JNIEnv, occurrences: &[Occurrence]) -> Result<jlongArray, Failure> {
    let mut values = Vec::with_capacity(occurrences.len() * 6);
    for occurrence in occurrences {
        values.extend_from_slice(&[
            jlong::from(occurrence.index),
            year_month_day(occurrence.day),
            occurrence.fire_at,
            jlong::from(occurrence.utc_offset_seconds),
            second_of_day(occurrence.requested_time),
            ordinal(occurrence.resolution),
        ]);
    }
    long_array(env, &values)
}

/// `[yyyymmdd, secondOfDay, instant, offsetSeconds, resolution]` (`ResolvedDateTime.unpack` in Java).
fn packed_date_time(env: &mut JNIEnv, resolved: ResolvedDateTime) -> Result<jlongArray, Failure> {
    long_array(
        env,
        &[
            year_month_day(resolved.requested.date),
            second_of_day(resolved.requested.time),
            resolved.instant,
            jlong::from(resolved.utc_offset_seconds),
            ordinal(resolved.resolution),
        ],
    )
}

fn optional(env: &mut JNIEnv, occurrence: Option<Occurrence>) -> Result<jlongArray, Failure> {
    match occurrence {
        Some(occurrence) => packed(env, std::slice::from_ref(&occurrence)),
        None => Ok(std::ptr::null_mut()),
    }
}

/// # Safety contract with Java
/// `pointer` is a live handle created by `createEngine` and not yet freed.
fn engine<'a>(pointer: jlong) -> &'a BridgeEngine {
    // SAFETY: NativeHandle hands out only live pointers (it fails once closed).
    unsafe { &*(pointer as *const BridgeEngine) }
}

fn promotion<'a>(pointer: jlong) -> &'a BridgePromotion {
    // SAFETY: as for `engine`; a checked promotion is created by `check`.
    unsafe { &*(pointer as *const BridgePromotion) }
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_createEngine(mut env: JNIEnv, _class: JClass) -> jlong {
    guarded(&mut env, 0, |_| Ok(Box::into_raw(Box::new(BridgeEngine::new()?)) as jlong))
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_freeEngine(_env: JNIEnv, _class: JClass, pointer: jlong) {
    if pointer != 0 {
        // SAFETY: called exactly once per handle by NativeHandle.
        drop(unsafe { Box::from_raw(pointer as *mut BridgeEngine) });
    }
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_check(
    mut env: JNIEnv,
    _class: JClass,
    pointer: jlong,
    json: JString,
) -> jlong {
    guarded(&mut env, 0, |env| {
        let json = java_string(env, &json)?;
        let checked = engine(pointer).check(&json)?;
        Ok(Box::into_raw(Box::new(checked)) as jlong)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_freePromotion(_env: JNIEnv, _class: JClass, pointer: jlong) {
    if pointer != 0 {
        // SAFETY: called exactly once per handle by NativeHandle.
        drop(unsafe { Box::from_raw(pointer as *mut BridgePromotion) });
    }
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_start(mut env: JNIEnv, _class: JClass, pointer: jlong) -> jlongArray {
    guarded(&mut env, std::ptr::null_mut(), |env| {
        let start = promotion(pointer).start()?;
        packed_date_time(env, start)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_end(mut env: JNIEnv, _class: JClass, pointer: jlong) -> jlongArray {
    guarded(&mut env, std::ptr::null_mut(), |env| {
        let end = promotion(pointer).end()?;
        packed_date_time(env, end)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_renderMessagesJson(
    mut env: JNIEnv,
    _class: JClass,
    pointer: jlong,
    occurrence_index: jint,
    recipients_json: JString,
) -> jstring {
    guarded(&mut env, std::ptr::null_mut(), |env| {
        let recipients = java_string(env, &recipients_json)?;
        let messages = promotion(pointer).render_messages_json(occurrence_index, &recipients)?;
        Ok(env.new_string(messages).map_err(|_| Failure::Java)?.into_raw())
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_occurrences(
    mut env: JNIEnv,
    _class: JClass,
    pointer: jlong,
) -> jlongArray {
    guarded(&mut env, std::ptr::null_mut(), |env| {
        let occurrences = promotion(pointer).occurrences()?;
        packed(env, &occurrences)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_nextFire(
    mut env: JNIEnv,
    _class: JClass,
    pointer: jlong,
    after: jlong,
) -> jlongArray {
    guarded(&mut env, std::ptr::null_mut(), |env| {
        let next = promotion(pointer).next_fire(after)?;
        optional(env, next)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_dueAt(
    mut env: JNIEnv,
    _class: JClass,
    pointer: jlong,
    now: jlong,
) -> jlongArray {
    guarded(&mut env, std::ptr::null_mut(), |env| {
        let due = promotion(pointer).due_at(now)?;
        optional(env, due)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_benchmarkNextFireLoop(
    mut env: JNIEnv,
    _class: JClass,
    pointer: jlong,
    after: jlong,
    iterations: jint,
) -> jlong {
    guarded(&mut env, 0, |_| {
        let checked = promotion(pointer);
        let mut checksum: jlong = 0;
        for _ in 0..iterations {
            if let Some(next) = checked.next_fire(std::hint::black_box(after))? {
                checksum = checksum.wrapping_add(next.fire_at);
            }
        }
        Ok(checksum)
    })
}
