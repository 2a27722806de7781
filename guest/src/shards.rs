//! Splitting one day's recipients into contiguous shards (one per completion
//! index of a Kubernetes Indexed Job).

use crate::model::{FieldError, Problem, Shard};

/// `shard_count` contiguous, near-equal shards (sizes differ by at most one)
/// that together cover `[0, recipient_count)` exactly once.
pub fn plan_shards(recipient_count: u64, shard_count: u32) -> Result<Vec<Shard>, FieldError> {
    if shard_count == 0 {
        return Err(FieldError::new("shardCount", Problem::OutOfRange, "shardCount must be at least 1"));
    }
    let boundary = |index: u32| (u128::from(recipient_count) * u128::from(index) / u128::from(shard_count)) as u64;
    Ok((0..shard_count).map(|index| Shard { index, start: boundary(index), end: boundary(index + 1) }).collect())
}
