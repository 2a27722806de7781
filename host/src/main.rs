//! `promo`: the Promo Calendar engine on the command line.
//!
//! Exit codes: 0 done, 1 failed, 2 bad input (invalid promotion, option or
//! file; the message on stderr names the field).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("promo: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}
