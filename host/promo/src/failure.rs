//! How a `promo` command fails, and the one table of exit codes the README
//! documents: 0 done, 1 failed, 2 bad input.

use promo_host::{EngineError, FieldError};

/// Why a command did not finish.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// An invalid promotion, event, option, file or configuration value; the
    /// message names the field (exit code 2: retrying cannot help).
    #[error("{0}")]
    BadInput(String),
    /// Anything else: a service kept failing, the deadline passed, the engine
    /// failed (exit code 1: Kubernetes retries the pod).
    #[error("{0:#}")]
    Failed(anyhow::Error),
}

impl Failure {
    /// The process exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::BadInput(_) => 2,
            Failure::Failed(_) => 1,
        }
    }

    /// An engine error; invalid input names every field of `source`.
    pub fn from_engine(error: EngineError, source: &str) -> Failure {
        match error {
            EngineError::Invalid(errors) => Failure::BadInput(describe_field_errors(source, &errors)),
            EngineError::Failed(error) => Failure::Failed(error),
        }
    }
}

/// A [`BadInput`] anywhere in the chain is bad input; everything else failed.
impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        match error.downcast::<BadInput>() {
            Ok(bad) => Failure::BadInput(bad.to_string()),
            Err(error) => Failure::Failed(error),
        }
    }
}

impl From<BadInput> for Failure {
    fn from(bad: BadInput) -> Self {
        Failure::BadInput(bad.to_string())
    }
}

/// Bad input naming one field (an event field, an option or an environment
/// variable); travels inside `anyhow::Error` until [`Failure`] sorts it out.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{field}: {message}")]
pub struct BadInput {
    /// The event field, option or environment variable at fault.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl BadInput {
    /// A bad-input error about `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

/// `invalid {source}:` and one line per field error.
pub fn describe_field_errors(source: &str, errors: &[FieldError]) -> String {
    let mut text = format!("invalid {source}:");
    for error in errors {
        let field = if error.field.is_empty() { "(document)" } else { error.field.as_str() };
        text.push_str(&format!("\n  {field}: {} [{}]", error.message, error.problem.name()));
    }
    text
}
