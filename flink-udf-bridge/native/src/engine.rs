//! The bridge's view of `promo_host`: the few calls Java needs, with failures split into
//! "the promotion is invalid" (thrown as `InvalidPromotionException`) and everything else.

/// One rejected field, as the component reported it.
pub struct FieldError {
    pub field: String,
    /// Kebab-case case name of the WIT `problem` variant.
    pub problem: String,
    pub message: String,
}

/// Why a call did not produce an answer.
pub enum Failure {
    /// The component rejected the input, naming fields.
    Invalid(Vec<FieldError>),
    /// Anything else (a trap, a host error): a bug, not bad input.
    Internal(String),
    /// A Java exception is already pending.
    Java,
}

use std::sync::{Mutex, MutexGuard};

use promo_host::{CheckedPromotion, EngineError, EngineOptions, PromoEngine, Recipient};
pub use promo_host::{Occurrence, ResolvedDateTime};

fn invalid(field: &str, problem: &str, message: impl Into<String>) -> Failure {
    Failure::Invalid(vec![FieldError { field: field.to_owned(), problem: problem.to_owned(), message: message.into() }])
}

impl From<EngineError> for Failure {
    fn from(error: EngineError) -> Self {
        match error {
            EngineError::Invalid(errors) => Failure::Invalid(errors.into_iter().map(FieldError::from).collect()),
            EngineError::Failed(error) => Failure::Internal(format!("promo engine failed: {error:#}")),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        Failure::Internal(format!("promo engine failed: {error:#}"))
    }
}

impl From<promo_host::FieldError> for FieldError {
    fn from(error: promo_host::FieldError) -> Self {
        FieldError { problem: error.problem.name().to_owned(), field: error.field, message: error.message }
    }
}

/// The engine as Java sees it: `promo_host`'s engine without signals-based traps.
pub struct BridgeEngine {
    engine: PromoEngine,
}

impl BridgeEngine {
    pub fn new() -> Result<Self, Failure> {
        // The JVM owns the process's signal handlers (it uses SIGSEGV for null checks and
        // safepoints); wasmtime must not install its own next to them.
        // Compiled once in memory: a long-running JVM never loads native code from a
        // cache directory (host/embedding/src/cache.rs), and a second costs it nothing.
        let options = EngineOptions { signals_based_traps: false, cache_dir: None };
        Ok(BridgeEngine { engine: PromoEngine::new(&options)? })
    }

    /// Parses and validates promotion JSON once; the answer answers everything else.
    pub fn check(&self, json: &str) -> Result<BridgePromotion, Failure> {
        Ok(BridgePromotion { checked: Mutex::new(self.engine.check(json)?) })
    }
}

/// A checked promotion; Java threads share it, so calls take turns on its instance.
pub struct BridgePromotion {
    checked: Mutex<CheckedPromotion>,
}

impl BridgePromotion {
    fn lock(&self) -> MutexGuard<'_, CheckedPromotion> {
        // A panic while locked leaves nothing half-written on our side; keep serving.
        self.checked.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn start(&self) -> Result<ResolvedDateTime, Failure> {
        Ok(self.lock().schedule().start()?)
    }

    pub fn end(&self) -> Result<ResolvedDateTime, Failure> {
        Ok(self.lock().schedule().end()?)
    }

    pub fn occurrences(&self) -> Result<Vec<Occurrence>, Failure> {
        Ok(self.lock().schedule().occurrences()?)
    }

    pub fn next_fire(&self, after: i64) -> Result<Option<Occurrence>, Failure> {
        Ok(self.lock().schedule().next_fire(after)?)
    }

    pub fn due_at(&self, now: i64) -> Result<Option<Occurrence>, Failure> {
        Ok(self.lock().schedule().due_at(now)?)
    }

    /// The inbox messages (contracts.md) of one occurrence for `[{userId, username, firstName?, locale?}]`.
    pub fn render_messages_json(&self, occurrence_index: i32, recipients_json: &str) -> Result<String, Failure> {
        let index = u32::try_from(occurrence_index)
            .map_err(|_| invalid("occurrence.index", "out-of-range", "occurrence.index must not be negative"))?;
        let recipients: Vec<Recipient> = serde_json::from_str(recipients_json).map_err(|error| {
            invalid("recipients", "malformed", format!("recipients must be a JSON array of {{userId, username, firstName?, locale?}}: {error}"))
        })?;
        let batch = self.lock().render(index, &recipients.iter().collect())?;
        serde_json::to_string(&batch.to_inbox_messages())
            .map_err(|error| Failure::Internal(format!("writing inbox messages: {error}")))
    }
}
