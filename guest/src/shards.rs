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

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(count: u64, shards: u32) -> Vec<(u64, u64)> {
        plan_shards(count, shards).unwrap().iter().map(|s| (s.start, s.end)).collect()
    }

    #[test]
    fn splits_into_contiguous_near_equal_ranges() {
        assert_eq!(ranges(10, 3), [(0, 3), (3, 6), (6, 10)]);
        assert_eq!(ranges(9, 3), [(0, 3), (3, 6), (6, 9)]);
        assert_eq!(ranges(2, 4), [(0, 0), (0, 1), (1, 1), (1, 2)]);
        assert_eq!(ranges(0, 2), [(0, 0), (0, 0)]);
        assert_eq!(ranges(u64::MAX, 2), [(0, u64::MAX / 2), (u64::MAX / 2, u64::MAX)]);
        let indexes: Vec<u32> = plan_shards(5, 3).unwrap().iter().map(|s| s.index).collect();
        assert_eq!(indexes, [0, 1, 2]);
    }

    #[test]
    fn zero_shards_names_the_field() {
        let error = plan_shards(10, 0).unwrap_err();
        assert_eq!((error.field.as_str(), error.problem), ("shardCount", Problem::OutOfRange));
    }
}
