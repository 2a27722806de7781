//! Which shard of a day's Indexed Job delivers to a recipient.
//!
//! Each shard reads the whole recipient set (Keycloak pages it by user id) and
//! keeps the users whose shard it is, so the split depends on nothing but the
//! user id: stable while users sign up or are deleted during the run, and no
//! shard counts first. MD5 is used for its even spread, not for secrecy.

use md5::{Digest, Md5};

use crate::model::{FieldError, Problem};

/// The shard (`0..shard_count`) of `user_id`: the first eight bytes of
/// `md5(user_id)`, big-endian, modulo `shard_count`.
pub fn shard_of(user_id: &str, shard_count: u32) -> Result<u32, FieldError> {
    if shard_count == 0 {
        return Err(FieldError::new("shardCount", Problem::OutOfRange, "shardCount must be at least 1"));
    }
    let digest = Md5::digest(user_id.as_bytes());
    let prefix = u64::from_be_bytes(digest[..8].try_into().expect("an MD5 digest has 16 bytes"));
    Ok((prefix % u64::from(shard_count)) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreads_users_evenly_and_keeps_each_in_one_shard() {
        let ids: Vec<String> = (0..30_000).map(|n| format!("5b0b7d1e-0000-4000-8000-{n:012}")).collect();
        let mut sizes = [0u32; 3];
        for id in &ids {
            sizes[shard_of(id, 3).unwrap() as usize] += 1;
        }
        assert!(sizes.iter().all(|&size| (9_500..=10_500).contains(&size)), "{sizes:?}");
        assert!(ids.iter().all(|id| shard_of(id, 1) == Ok(0)));
    }

    #[test]
    fn is_md5_of_the_user_id() {
        // md5("alice") = 6384e2b2184bcbf58eccf10ca7a6563c; 0x6384e2b2184bcbf5 = 7171105761220348917
        assert_eq!(shard_of("alice", 1000).unwrap(), (7_171_105_761_220_348_917u64 % 1000) as u32);
    }

    #[test]
    fn zero_shards_names_the_shard_count() {
        let error = shard_of("u-1", 0).unwrap_err();
        assert_eq!((error.field.as_str(), error.problem), ("shardCount", Problem::OutOfRange));
    }
}
