//! `promo`: the Promo Calendar engine on the command line (`promo dry-run`),
//! the Knative job that delivers one due promotion day (`promo run`) and the
//! local stand-in for Knative's JobSink (`promo jobsink`).
//!
//! The engine itself is the `promo_host` library (`../embedding`); this crate
//! adds what only a program needs: the CLI, HTTP clients and server, an async
//! runtime. Exit codes ([`failure::Failure`]): 0 done, 1 failed, 2 bad input
//! (the message on stderr names the field).

mod cli;
mod failure;
mod job;
mod jobsink;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("promo: {failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}
