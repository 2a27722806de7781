//! [`DayEngine`] backed by the real engine component (`promo_host`): the
//! schedule, the shard plan and the rendered messages all come from the one
//! WebAssembly component the Flink job and the calendar use too.

use std::ops::Range;

use jiff::civil::Date;

use super::{
    engine::{DayEngine, DayOccurrence, FieldProblem, Product, PromotionFacts, RenderedBatch, Status},
    recipients::Recipient,
};
use crate::{EngineError, FieldError, LocalDate, PromoEngine, Promotion, RecipientTable, Renderer};

/// The component, plus the renderer of the occurrence being delivered.
pub struct ComponentEngine {
    engine: PromoEngine,
    renderer: Option<Renderer>,
}

impl ComponentEngine {
    /// Loads the component (precompiled from the on-disk cache when present).
    pub fn load() -> anyhow::Result<Self> {
        Ok(Self { engine: PromoEngine::with_defaults()?, renderer: None })
    }

    fn parse(&mut self, json: &str) -> anyhow::Result<Result<Promotion, Vec<FieldProblem>>> {
        invalid_or(self.engine.parse_promotion(json))
    }
}

/// Splits an engine result into "rejected input" (inner `Err`) and "the
/// engine itself failed" (outer `Err`).
fn invalid_or<T>(result: Result<T, EngineError>) -> anyhow::Result<Result<T, Vec<FieldProblem>>> {
    match result {
        Ok(value) => Ok(Ok(value)),
        Err(EngineError::Invalid(errors)) => Ok(Err(errors.into_iter().map(problem).collect())),
        Err(EngineError::Failed(error)) => Err(error),
    }
}

fn problem(error: FieldError) -> FieldProblem {
    FieldProblem { field: error.field, message: error.message }
}

fn date(day: LocalDate) -> anyhow::Result<Date> {
    Ok(Date::new(i16::try_from(day.year)?, i8::try_from(day.month)?, i8::try_from(day.day)?)?)
}

impl DayEngine for ComponentEngine {
    fn inspect(&mut self, promotion_json: &str) -> anyhow::Result<Result<PromotionFacts, Vec<FieldProblem>>> {
        let promotion = match self.parse(promotion_json)? {
            Ok(promotion) => promotion,
            Err(problems) => return Ok(Err(problems)),
        };
        let status = match promotion.status {
            crate::Status::Draft => Status::Draft,
            crate::Status::Published => Status::Published,
            crate::Status::Unpublished => Status::Unpublished,
        };
        let mut schedule = match invalid_or(self.engine.plan(&promotion))? {
            Ok(schedule) => schedule,
            Err(problems) => return Ok(Err(problems)),
        };
        let occurrences = schedule
            .occurrences()?
            .into_iter()
            .map(|occurrence| Ok(DayOccurrence { index: occurrence.index, day: date(occurrence.day)? }))
            .collect::<anyhow::Result<_>>()?;
        Ok(Ok(PromotionFacts { status, occurrences }))
    }

    fn plan_shards(&mut self, recipient_count: u64, shard_count: u32) -> anyhow::Result<Result<Vec<Range<u64>>, FieldProblem>> {
        Ok(match invalid_or(self.engine.plan_shards(recipient_count, shard_count))? {
            Ok(shards) => Ok(shards.into_iter().map(|shard| shard.start..shard.end).collect()),
            Err(mut problems) => Err(problems.pop().unwrap_or(FieldProblem { field: "shardCount".into(), message: "invalid".into() })),
        })
    }

    fn prepare(&mut self, promotion_json: &str, index: u32) -> anyhow::Result<Result<(), Vec<FieldProblem>>> {
        let promotion = match self.parse(promotion_json)? {
            Ok(promotion) => promotion,
            Err(problems) => return Ok(Err(problems)),
        };
        Ok(invalid_or(self.engine.prepare(&promotion, index))?.map(|renderer| {
            self.renderer = Some(renderer);
        }))
    }

    fn render(&mut self, recipients: &[Recipient]) -> anyhow::Result<RenderedBatch> {
        let renderer = self.renderer.as_mut().ok_or_else(|| anyhow::anyhow!("render before prepare"))?;
        let mut table = RecipientTable::with_capacity(recipients.len());
        for r in recipients {
            table.push(&r.user_id, &r.username, r.first_name.as_deref(), r.locale.as_deref());
        }
        let batch = renderer.render(&table)?;
        Ok(RenderedBatch {
            promotion_id: batch.promotion_id,
            day: date(batch.day)?,
            expires_at_ms: batch.expires_at,
            subject: batch.subject,
            products: batch
                .products
                .into_iter()
                .map(|product| Product {
                    sku: product.sku,
                    name: product.name,
                    price_cents: product.price_cents,
                    promo_price_cents: product.promo_price_cents,
                    currency: product.currency,
                    image_url: product.image_url,
                    url: product.url,
                })
                .collect(),
            messages: batch.messages,
        })
    }
}
