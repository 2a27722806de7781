//! The wasmtime embedding: engine configuration, prepared instantiation and
//! the typed calls.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use wasmtime::component::{Linker, ResourceAny};
use wasmtime::{Config, Store};

use crate::bindings::{Engine as EngineWorld, EnginePre};
use crate::{
    ENGINE_COMPONENT, FieldError, Instant, LocalDate, MessageBatch, NotDeliverable, Occurrence, Promotion, RecipientTable,
    ResolvedDateTime, cache,
};

/// How the engine is set up; `Default` suits a standalone process.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// Whether compiled code may rely on signal handlers (guard pages) for
    /// bounds checks. A JVM owns the process's signal handlers, so the JNI
    /// bridge turns this off; the code then checks bounds explicitly.
    pub signals_based_traps: bool,
    /// Where the compiled component is cached; `None` compiles on every start.
    pub cache_dir: Option<PathBuf>,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions { signals_based_traps: true, cache_dir: cache::default_dir() }
    }
}

/// An invalid input, or a failure of the engine itself.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The promotion (or another argument) is invalid; every problem, each
    /// naming its field.
    #[error("invalid input: {}", describe(.0))]
    Invalid(Vec<FieldError>),
    /// The component could not be instantiated or trapped.
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

impl From<wasmtime::Error> for EngineError {
    fn from(error: wasmtime::Error) -> Self {
        EngineError::Failed(error.into())
    }
}

fn describe(errors: &[FieldError]) -> String {
    errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; ")
}

fn invalid<T>(result: Result<T, Vec<FieldError>>) -> Result<T, EngineError> {
    result.map_err(EngineError::Invalid)
}

/// The engine component, compiled and ready to instantiate. Cheap to clone;
/// share one per process across threads.
#[derive(Clone)]
pub struct PromoEngine {
    pre: Arc<EnginePre<()>>,
}

impl PromoEngine {
    /// Compiles (or loads from the cache) the embedded component and
    /// prepares its instantiation.
    pub fn new(options: &EngineOptions) -> anyhow::Result<PromoEngine> {
        let mut config = Config::new();
        config.wasm_component_model(true);
        if !options.signals_based_traps {
            config.signals_based_traps(false);
            // Without signal handlers there are no guard pages to fault on:
            // memories are bounds-checked and grow by moving, and the
            // Spectre mitigations (which rely on faults) must be off.
            config.memory_guard_size(0);
            config.memory_reservation(0);
            config.memory_reservation_for_growth(1 << 20);
            // SAFETY: these two flags are required by `signals_based_traps(false)`
            // (see its documentation); they only change code generation.
            unsafe {
                config.cranelift_flag_set("enable_heap_access_spectre_mitigation", "false");
                config.cranelift_flag_set("enable_table_access_spectre_mitigation", "false");
            }
        }
        let engine = wasmtime::Engine::new(&config)?;
        let (component, _) = cache::load_or_compile(&engine, ENGINE_COMPONENT, options.cache_dir.as_deref())?;
        let mut linker = Linker::<()>::new(&engine);
        // The component imports WASI only for what Rust's std could use (stderr
        // of a panic, exit); the engine never calls them in normal operation,
        // so a call traps instead of the host carrying a WASI implementation.
        linker.define_unknown_imports_as_traps(&component)?;
        let pre = EnginePre::new(linker.instantiate_pre(&component)?)?;
        Ok(PromoEngine { pre: Arc::new(pre) })
    }

    /// With default options.
    pub fn with_defaults() -> anyhow::Result<PromoEngine> {
        PromoEngine::new(&EngineOptions::default())
    }

    /// A fresh instance of the component to make many calls with.
    pub fn session(&self) -> anyhow::Result<Session> {
        let mut store = Store::new(self.pre.engine(), ());
        let world = self.pre.instantiate(&mut store).map_err(anyhow::Error::from).context("instantiating the engine component")?;
        Ok(Session { store, world })
    }

    /// Parses promotion JSON (contracts.md) and validates every field, once:
    /// the answer hands out the schedule and the renderers.
    pub fn check(&self, json: &str) -> Result<CheckedPromotion, EngineError> {
        self.session()?.check(json)
    }

    /// The shard (`0..shard_count`) of the Indexed Job that delivers to `user_id`.
    pub fn shard_of(&self, user_id: &str, shard_count: u32) -> Result<u32, EngineError> {
        self.session()?.shard_of(user_id, shard_count)
    }
}

/// One instance of the component. Reuse it for many calls on one thread;
/// `check` hands it over to the returned handle.
pub struct Session {
    store: Store<()>,
    world: EngineWorld,
}

impl Session {
    /// Parses promotion JSON (contracts.md) and validates every field, once;
    /// the checked promotion keeps this instance.
    pub fn check(mut self, json: &str) -> Result<CheckedPromotion, EngineError> {
        let promotions = self.world.promo_engine_promotions();
        let handle = invalid(promotions.call_check(&mut self.store, json)?)?;
        let schedule = promotions.checked_promotion().call_schedule(&mut self.store, handle)?;
        Ok(CheckedPromotion { schedule: Schedule { session: self, handle: schedule }, handle })
    }

    /// The shard (`0..shard_count`) of the Indexed Job that delivers to `user_id`.
    pub fn shard_of(&mut self, user_id: &str, shard_count: u32) -> Result<u32, EngineError> {
        let result = self.world.promo_engine_fan_out().call_shard_of(&mut self.store, user_id, shard_count)?;
        result.map_err(|error| EngineError::Invalid(vec![error]))
    }

}

/// A promotion parsed and validated once (the WIT resource
/// `checked-promotion`): its schedule and its renderers come from the one
/// instance it owns, without reading the promotion again.
pub struct CheckedPromotion {
    schedule: Schedule,
    handle: ResourceAny,
}

impl CheckedPromotion {
    /// The promotion as the component read it.
    pub fn promotion(&mut self) -> anyhow::Result<Promotion> {
        let Session { store, world } = &mut self.schedule.session;
        Ok(world.promo_engine_promotions().checked_promotion().call_promotion(store, self.handle)?)
    }

    /// Its schedule, to query.
    pub fn schedule(&mut self) -> &mut Schedule {
        &mut self.schedule
    }

    /// Its schedule alone (the instance goes with it).
    pub fn into_schedule(self) -> Schedule {
        self.schedule
    }

    /// Renders the messages of one occurrence for a batch of recipients; for
    /// many batches of one occurrence take [`CheckedPromotion::into_renderer`].
    pub fn render(&mut self, occurrence_index: u32, recipients: &RecipientTable) -> Result<MessageBatch, EngineError> {
        let handle = self.renderer_handle(occurrence_index)?;
        let session = &mut self.schedule.session;
        let batch = render(session, handle, recipients);
        handle.resource_drop(&mut session.store)?;
        Ok(batch?)
    }

    /// Prepares rendering one occurrence; the renderer keeps this instance.
    pub fn into_renderer(mut self, occurrence_index: u32) -> Result<Renderer, EngineError> {
        let handle = self.renderer_handle(occurrence_index)?;
        Ok(Renderer { session: self.schedule.session, handle })
    }

    fn renderer_handle(&mut self, occurrence_index: u32) -> Result<ResourceAny, EngineError> {
        let Session { store, world } = &mut self.schedule.session;
        let renderer = world.promo_engine_promotions().checked_promotion().call_renderer(store, self.handle, occurrence_index)?;
        renderer.map_err(|error| EngineError::Invalid(vec![error]))
    }
}

/// A promotion's resolved schedule (the WIT resource `promotion-schedule`).
/// Each query is one call into the component's instance it owns.
pub struct Schedule {
    session: Session,
    handle: ResourceAny,
}

impl Schedule {
    /// The start as written and as resolved: its instant is `S`.
    pub fn start(&mut self) -> anyhow::Result<ResolvedDateTime> {
        let Session { store, world } = &mut self.session;
        Ok(world.promo_engine_schedule().promotion_schedule().call_start(store, self.handle)?)
    }

    /// The end as written and as resolved: its instant is `E`, exclusive.
    pub fn end(&mut self) -> anyhow::Result<ResolvedDateTime> {
        let Session { store, world } = &mut self.session;
        Ok(world.promo_engine_schedule().promotion_schedule().call_end(store, self.handle)?)
    }

    /// All occurrences, in order.
    pub fn occurrences(&mut self) -> anyhow::Result<Vec<Occurrence>> {
        let Session { store, world } = &mut self.session;
        Ok(world.promo_engine_schedule().promotion_schedule().call_occurrences(store, self.handle)?)
    }

    /// The first occurrence with `fire-at > after`, strictly.
    pub fn next_fire(&mut self, after: Instant) -> anyhow::Result<Option<Occurrence>> {
        let Session { store, world } = &mut self.session;
        Ok(world.promo_engine_schedule().promotion_schedule().call_next_fire(store, self.handle, after)?)
    }

    /// The occurrence with the latest `fire-at <= now`, provided `now < E`.
    pub fn due_at(&mut self, now: Instant) -> anyhow::Result<Option<Occurrence>> {
        let Session { store, world } = &mut self.session;
        Ok(world.promo_engine_schedule().promotion_schedule().call_due_at(store, self.handle, now)?)
    }

    /// The occurrence of `day` if it may be delivered at `now`, else why not
    /// (contracts.md, "The job delivers only a day that is due").
    pub fn deliverable(&mut self, day: LocalDate, now: Instant) -> anyhow::Result<Result<Occurrence, NotDeliverable>> {
        let Session { store, world } = &mut self.session;
        Ok(world.promo_engine_schedule().promotion_schedule().call_deliverable(store, self.handle, day, now)?)
    }
}

/// One occurrence's message template, parsed once (the WIT resource
/// `occurrence-renderer`).
pub struct Renderer {
    session: Session,
    handle: ResourceAny,
}

impl Renderer {
    /// The messages for a batch of recipients, in their order.
    pub fn render(&mut self, recipients: &RecipientTable) -> anyhow::Result<MessageBatch> {
        render(&mut self.session, self.handle, recipients)
    }
}

fn render(session: &mut Session, renderer: ResourceAny, recipients: &RecipientTable) -> anyhow::Result<MessageBatch> {
    let Session { store, world } = session;
    let batch = world.promo_engine_fan_out().occurrence_renderer().call_render(store, renderer, recipients.as_wit())?;
    // The host builds every recipient table whole, so a refusal is a defect, not bad input.
    let batch = batch.map_err(|error| anyhow::anyhow!("the component refused a recipient table: {}", error.message))?;
    MessageBatch::from_wit(batch)
}
