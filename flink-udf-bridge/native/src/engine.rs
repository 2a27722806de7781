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

/// An occurrence in the form the bridge packs for Java.
pub struct Occurrence {
    pub index: u32,
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub fire_at: i64,
    pub utc_offset_seconds: i32,
}

use std::sync::{Mutex, MutexGuard};

use promo_host::Recipient;
use promo_host::{EngineError, EngineOptions, PromoEngine, Schedule};

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

impl From<promo_host::Occurrence> for Occurrence {
    fn from(occurrence: promo_host::Occurrence) -> Self {
        Occurrence {
            index: occurrence.index,
            year: occurrence.day.year,
            month: occurrence.day.month,
            day: occurrence.day.day,
            fire_at: occurrence.fire_at,
            utc_offset_seconds: occurrence.utc_offset_seconds,
        }
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

    pub fn validate(&self, json: &str) -> Result<(), Failure> {
        self.engine.parse_promotion(json)?;
        Ok(())
    }

    pub fn plan(&self, json: &str) -> Result<BridgeSchedule, Failure> {
        Ok(BridgeSchedule { schedule: Mutex::new(self.engine.plan_json(json)?) })
    }

    /// The inbox messages (contracts.md) of one occurrence for `[{userId, username, firstName?, locale?}]`.
    pub fn render_messages_json(&self, json: &str, occurrence_index: i32, recipients_json: &str) -> Result<String, Failure> {
        let index = u32::try_from(occurrence_index)
            .map_err(|_| invalid("occurrence.index", "out-of-range", "occurrence.index must not be negative"))?;
        let recipients: Vec<Recipient> = serde_json::from_str(recipients_json).map_err(|error| {
            invalid("recipients", "malformed", format!("recipients must be a JSON array of {{userId, username, firstName?, locale?}}: {error}"))
        })?;
        let mut session = self.engine.session()?;
        let promotion = session.parse_promotion(json)?;
        let mut renderer = session.prepare(&promotion, index)?;
        let batch = renderer.render(&recipients.iter().collect())?;
        serde_json::to_string(&batch.to_inbox_messages())
            .map_err(|error| Failure::Internal(format!("writing inbox messages: {error}")))
    }
}

/// A planned schedule; Java threads share it, so calls take turns on its instance.
pub struct BridgeSchedule {
    schedule: Mutex<Schedule>,
}

impl BridgeSchedule {
    fn lock(&self) -> MutexGuard<'_, Schedule> {
        // A panic while locked leaves nothing half-written on our side; keep serving.
        self.schedule.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn starts(&self) -> Result<i64, Failure> {
        Ok(self.lock().starts()?)
    }

    pub fn ends(&self) -> Result<i64, Failure> {
        Ok(self.lock().ends()?)
    }

    pub fn occurrences(&self) -> Result<Vec<Occurrence>, Failure> {
        Ok(self.lock().occurrences()?.into_iter().map(Occurrence::from).collect())
    }

    pub fn next_fire(&self, after: i64) -> Result<Option<Occurrence>, Failure> {
        Ok(self.lock().next_fire(after)?.map(Occurrence::from))
    }

    pub fn due_at(&self, now: i64) -> Result<Option<Occurrence>, Failure> {
        Ok(self.lock().due_at(now)?.map(Occurrence::from))
    }
}
