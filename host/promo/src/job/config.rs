//! The job's configuration: environment variables with the defaults of the
//! dev stack (deploy/local/lib.sh, contracts.md "Local ports"). One place for
//! every default; a bad value is exit code 2 naming the variable.

use std::time::Duration;

use jiff::SignedDuration;

use super::BadInput;

/// Everything `promo run` reads from its environment.
#[derive(Debug, Clone)]
pub struct JobConfig {
    /// `CALENDAR_URL`: the event-calendar service.
    pub calendar_url: String,
    /// `INBOX_URL`: the inbox service.
    pub inbox_url: String,
    /// `KEYCLOAK_URL`: Keycloak's base URL (no `/realms/...`).
    pub keycloak_url: String,
    /// `KEYCLOAK_REALM`: the shop's realm.
    pub realm: String,
    /// `PROMO_JOB_CLIENT_ID`: the job's confidential client.
    pub client_id: String,
    /// `PROMO_JOB_CLIENT_SECRET`: its secret (a Kubernetes Secret in the cluster).
    pub client_secret: String,
    /// `PROMO_RECIPIENT_ROLE`: realm role whose enabled members receive messages.
    pub recipient_role: String,
    /// `PROMO_SHARD_COUNT`: shards of an Indexed Job (its `completions`).
    pub shard_count: u32,
    /// `JOB_COMPLETION_INDEX`: this pod's shard, set by Kubernetes.
    pub shard_index: u32,
    /// `PROMO_BATCH_SIZE`: messages per inbox call, 1–1000.
    pub batch_size: usize,
    /// `PROMO_CONCURRENCY`: inbox calls in flight at once.
    pub concurrency: usize,
    /// `PROMO_KEYCLOAK_PAGE_SIZE`: members per page of the recipients extension (1–5000).
    pub page_size: u64,
    /// `PROMO_DEADLINE`: the whole run fails (exit 1) after this long.
    pub deadline: Duration,
    /// `PROMO_HTTP_TIMEOUT`: one HTTP request's timeout (then it is retried).
    pub http_timeout: Duration,
    /// `PROMO_RETRY_MAX_DELAY`: cap of the exponential backoff between retries.
    pub retry_max_delay: Duration,
    /// `PROMO_PROGRESS_INTERVAL`: how often a progress line is logged.
    pub progress_interval: Duration,
}

impl JobConfig {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, BadInput> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, BadInput> {
        let text = |name: &str, default: &str| {
            lookup(name).filter(|value| !value.trim().is_empty()).unwrap_or_else(|| default.to_owned())
        };
        let url = |name: &str, default: &str| -> Result<String, BadInput> {
            let value = text(name, default);
            reqwest::Url::parse(&value)
                .map_err(|error| BadInput::new(name, format!("is not a URL ({error}): {value}")))?;
            Ok(value.trim_end_matches('/').to_owned())
        };
        let number = |name: &str, default: u64, min: u64, max: u64| -> Result<u64, BadInput> {
            let value = text(name, &default.to_string());
            value
                .parse::<u64>()
                .ok()
                .filter(|number| (min..=max).contains(number))
                .ok_or_else(|| BadInput::new(name, format!("must be an integer from {min} to {max}, got `{value}`")))
        };
        let duration = |name: &str, default: &str| -> Result<Duration, BadInput> {
            let value = text(name, default);
            value
                .parse::<SignedDuration>()
                .ok()
                .and_then(|duration| Duration::try_from(duration).ok())
                .filter(|duration| !duration.is_zero())
                .ok_or_else(|| BadInput::new(name, format!("must be a positive duration like `30s` or `10m`, got `{value}`")))
        };

        let shard_count = number("PROMO_SHARD_COUNT", 1, 1, 10_000)? as u32;
        let shard_index = number("JOB_COMPLETION_INDEX", 0, 0, 9_999)? as u32;
        if shard_index >= shard_count {
            return Err(BadInput::new(
                "JOB_COMPLETION_INDEX",
                format!("must be below PROMO_SHARD_COUNT ({shard_count}), got {shard_index}"),
            ));
        }
        Ok(Self {
            calendar_url: url("CALENDAR_URL", "http://127.0.0.1:8081")?,
            inbox_url: url("INBOX_URL", "http://127.0.0.1:8082")?,
            keycloak_url: url("KEYCLOAK_URL", "http://127.0.0.1:8180")?,
            realm: text("KEYCLOAK_REALM", "shop"),
            client_id: text("PROMO_JOB_CLIENT_ID", "promo-job"),
            client_secret: text("PROMO_JOB_CLIENT_SECRET", "promo-job-secret"),
            recipient_role: text("PROMO_RECIPIENT_ROLE", "customer"),
            shard_count,
            shard_index,
            batch_size: number("PROMO_BATCH_SIZE", 1000, 1, 1000)? as usize,
            concurrency: number("PROMO_CONCURRENCY", 4, 1, 64)? as usize,
            page_size: number("PROMO_KEYCLOAK_PAGE_SIZE", 2000, 1, 5000)?,
            deadline: duration("PROMO_DEADLINE", "30m")?,
            http_timeout: duration("PROMO_HTTP_TIMEOUT", "30s")?,
            retry_max_delay: duration("PROMO_RETRY_MAX_DELAY", "10s")?,
            progress_interval: duration("PROMO_PROGRESS_INTERVAL", "2s")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<JobConfig, BadInput> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        JobConfig::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_match_the_dev_stack() {
        let config = config(&[]).unwrap();
        assert_eq!(config.inbox_url, "http://127.0.0.1:8082");
        assert_eq!(config.keycloak_url, "http://127.0.0.1:8180");
        assert_eq!(config.client_secret, "promo-job-secret");
        assert_eq!((config.shard_index, config.shard_count), (0, 1));
        assert_eq!(config.batch_size, 1000);
        assert_eq!(config.deadline, Duration::from_secs(1800));
    }

    #[test]
    fn reads_durations_and_shards() {
        let config = config(&[("PROMO_DEADLINE", "90s"), ("PROMO_SHARD_COUNT", "4"), ("JOB_COMPLETION_INDEX", "3")]).unwrap();
        assert_eq!(config.deadline, Duration::from_secs(90));
        assert_eq!((config.shard_index, config.shard_count), (3, 4));
    }

    #[test]
    fn names_the_bad_variable() {
        let cases: [(&[(&str, &str)], &str); 5] = [
            (&[("PROMO_BATCH_SIZE", "1001")], "PROMO_BATCH_SIZE"),
            (&[("PROMO_SHARD_COUNT", "0")], "PROMO_SHARD_COUNT"),
            (&[("PROMO_SHARD_COUNT", "2"), ("JOB_COMPLETION_INDEX", "2")], "JOB_COMPLETION_INDEX"),
            (&[("PROMO_DEADLINE", "soon")], "PROMO_DEADLINE"),
            (&[("INBOX_URL", "not a url")], "INBOX_URL"),
        ];
        for (pairs, field) in cases {
            assert_eq!(config(pairs).unwrap_err().field, field);
        }
    }
}
