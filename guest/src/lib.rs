//! The Promo Calendar engine as one WebAssembly component (wasm32-wasip2).
//!
//! This file only binds the WIT world `engine` (`../wit/engine.wit`) to plain
//! Rust modules: `promotion` (reading and validating promotion JSON, once per
//! `checked-promotion`),
//! `schedule` (the daily schedule of shared/spec/schedule.md), `template`
//! (placeholders and rendering) and `shards`. Those modules compile and test
//! natively, so `cargo test -p promo-engine` needs no wasm runtime and the
//! benches can compare native calls with calls through the component.

pub mod model;
pub mod promotion;
pub mod schedule;
pub mod shards;
pub mod template;

mod convert;

wit_bindgen::generate!({ world: "engine", path: "../wit" });

use exports::promo::engine::fan_out::{self, MessageBatch, RecipientTable};
use exports::promo::engine::promotions as wit_promotions;
use exports::promo::engine::schedule as wit_schedule;
use promo::engine::types::{FieldError, Instant, LocalDate, Occurrence, Promotion, ResolvedDateTime};

/// The component: every export delegates to the plain modules.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
struct Engine;

impl wit_schedule::Guest for Engine {
    type PromotionSchedule = schedule::Schedule;

}

impl wit_schedule::GuestPromotionSchedule for schedule::Schedule {
    fn start(&self) -> ResolvedDateTime {
        self.start().into()
    }

    fn end(&self) -> ResolvedDateTime {
        self.end().into()
    }

    fn occurrences(&self) -> Vec<Occurrence> {
        self.occurrences().iter().map(|&o| o.into()).collect()
    }

    fn next_fire(&self, after: Instant) -> Option<Occurrence> {
        self.next_fire(convert::timestamp(after)).map(Into::into)
    }

    fn due_at(&self, now: Instant) -> Option<Occurrence> {
        self.due_at(convert::timestamp(now)).map(Into::into)
    }

    fn deliverable(&self, day: LocalDate, now: Instant) -> Result<Occurrence, wit_schedule::NotDeliverable> {
        // A date no calendar has is no occurrence day either.
        let day = convert::date(day).ok_or(wit_schedule::NotDeliverable::NotAnOccurrence)?;
        self.deliverable(day, convert::timestamp(now)).map(Into::into).map_err(Into::into)
    }
}

impl wit_promotions::Guest for Engine {
    type CheckedPromotion = promotion::CheckedPromotion;

    fn check(json: String) -> Result<wit_promotions::CheckedPromotion, Vec<FieldError>> {
        promotion::parse(&json).map(wit_promotions::CheckedPromotion::new).map_err(convert::errors)
    }
}

impl wit_promotions::GuestCheckedPromotion for promotion::CheckedPromotion {
    fn promotion(&self) -> Promotion {
        self.promotion.clone().into()
    }

    fn schedule(&self) -> wit_schedule::PromotionSchedule {
        wit_schedule::PromotionSchedule::new(self.schedule.clone())
    }

    fn renderer(&self, occurrence_index: u32) -> Result<fan_out::OccurrenceRenderer, FieldError> {
        self.renderer(occurrence_index).map(fan_out::OccurrenceRenderer::new).map_err(Into::into)
    }
}

impl fan_out::Guest for Engine {
    type OccurrenceRenderer = template::OccurrenceRenderer;

    fn shard_of(user_id: String, shard_count: u32) -> Result<u32, FieldError> {
        shards::shard_of(&user_id, shard_count).map_err(Into::into)
    }
}

impl fan_out::GuestOccurrenceRenderer for template::OccurrenceRenderer {
    fn render(&self, recipients: RecipientTable) -> Result<MessageBatch, FieldError> {
        // Read straight from what crossed: each string is checked as it is read.
        Ok(self.render(template::recipients(&recipients.text, &recipients.ends)?)?.into())
    }
}

// Natively the crate is a library for tests and benches; the component
// exports (with names no native linker accepts) exist only in wasm.
#[cfg(target_arch = "wasm32")]
export!(Engine);
