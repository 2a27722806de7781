//! The JNI library behind `com.promocalendar.engine.PromoEngine` (flink-udf-bridge/engine-bridge).
//!
//! It adds no engine of its own: every answer comes from the engine component through
//! `promo_host`, the one wasmtime embedding of the workspace (precompiled artifact cached on
//! disk, `InstancePre` prepared once), configured without signals-based traps so wasmtime never
//! installs signal handlers inside the JVM. This crate only converts: Java strings in, packed
//! `long[]` occurrences out (one JNI crossing per call, no JSON on the fast path), field errors
//! thrown as `InvalidPromotionException`.
//!
//! Handles are `Box` pointers passed to Java as `long`; Java frees each exactly once
//! (`close()` or its cleaner). A schedule is used from many Java threads, so it sits behind a
//! mutex; the engine itself is shared freely.

mod engine;

use std::panic::{AssertUnwindSafe, catch_unwind};

use jni::JNIEnv;
use jni::objects::{JClass, JObject, JString, JValue};
use jni::sys::{jint, jlong, jlongArray, jstring};

use engine::{BridgeEngine, BridgeSchedule, Failure, Occurrence};

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

fn packed(env: &mut JNIEnv, occurrences: &[Occurrence]) -> Result<jlongArray, Failure> {
    let mut values = Vec::with_capacity(occurrences.len() * 4);
    for occurrence in occurrences {
        values.extend_from_slice(&[
            jlong::from(occurrence.index),
            jlong::from(occurrence.year) * 10_000 + jlong::from(occurrence.month) * 100 + jlong::from(occurrence.day),
            occurrence.fire_at,
            jlong::from(occurrence.utc_offset_seconds),
        ]);
    }
    let length = jint::try_from(values.len()).map_err(|_| Failure::Internal("too many occurrences".to_owned()))?;
    let array = env.new_long_array(length).map_err(|_| Failure::Java)?;
    env.set_long_array_region(&array, 0, &values).map_err(|_| Failure::Java)?;
    Ok(array.into_raw())
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

fn schedule<'a>(pointer: jlong) -> &'a BridgeSchedule {
    // SAFETY: as for `engine`; a schedule is created by `plan`.
    unsafe { &*(pointer as *const BridgeSchedule) }
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
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_validate(
    mut env: JNIEnv,
    _class: JClass,
    pointer: jlong,
    json: JString,
) {
    guarded(&mut env, (), |env| {
        let json = java_string(env, &json)?;
        engine(pointer).validate(&json)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_plan(
    mut env: JNIEnv,
    _class: JClass,
    pointer: jlong,
    json: JString,
) -> jlong {
    guarded(&mut env, 0, |env| {
        let json = java_string(env, &json)?;
        let planned = engine(pointer).plan(&json)?;
        Ok(Box::into_raw(Box::new(planned)) as jlong)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_renderMessagesJson(
    mut env: JNIEnv,
    _class: JClass,
    pointer: jlong,
    json: JString,
    occurrence_index: jint,
    recipients_json: JString,
) -> jstring {
    guarded(&mut env, std::ptr::null_mut(), |env| {
        let json = java_string(env, &json)?;
        let recipients = java_string(env, &recipients_json)?;
        let messages = engine(pointer).render_messages_json(&json, occurrence_index, &recipients)?;
        Ok(env.new_string(messages).map_err(|_| Failure::Java)?.into_raw())
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_freeSchedule(_env: JNIEnv, _class: JClass, pointer: jlong) {
    if pointer != 0 {
        // SAFETY: called exactly once per handle by NativeHandle.
        drop(unsafe { Box::from_raw(pointer as *mut BridgeSchedule) });
    }
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_starts(mut env: JNIEnv, _class: JClass, pointer: jlong) -> jlong {
    guarded(&mut env, 0, |_| schedule(pointer).starts())
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_ends(mut env: JNIEnv, _class: JClass, pointer: jlong) -> jlong {
    guarded(&mut env, 0, |_| schedule(pointer).ends())
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_com_promocalendar_engine_NativeEngine_occurrences(
    mut env: JNIEnv,
    _class: JClass,
    pointer: jlong,
) -> jlongArray {
    guarded(&mut env, std::ptr::null_mut(), |env| {
        let occurrences = schedule(pointer).occurrences()?;
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
        let next = schedule(pointer).next_fire(after)?;
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
        let due = schedule(pointer).due_at(now)?;
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
        let schedule = schedule(pointer);
        let mut checksum: jlong = 0;
        for _ in 0..iterations {
            if let Some(next) = schedule.next_fire(std::hint::black_box(after))? {
                checksum = checksum.wrapping_add(next.fire_at);
            }
        }
        Ok(checksum)
    })
}
