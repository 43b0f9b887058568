//! A progress bar on stderr for long imports and checks; silent when stderr is not a terminal.
//! With `DOCKET_TIMINGS=1` each stage's wall time is printed to stderr when it ends (benchmarks).

use std::sync::Mutex;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Bar {
    bar: ProgressBar,
    timings: Option<Mutex<Option<(String, Instant)>>>,
}

impl Bar {
    pub fn new(visible: bool) -> Self {
        let target = if visible { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
        let timings = std::env::var("DOCKET_TIMINGS").is_ok_and(|v| v == "1").then(|| Mutex::new(None));
        Self { bar: ProgressBar::with_draw_target(None, target), timings }
    }

    pub fn finish(&self) {
        self.end_stage();
        self.bar.finish_and_clear();
    }

    fn end_stage(&self) {
        if let Some(t) = &self.timings
            && let Ok(mut current) = t.lock()
            && let Some((name, started)) = current.take()
        {
            self.bar.suspend(|| eprintln!("  {name}: {:.2} 秒", started.elapsed().as_secs_f64()));
        }
    }
}

impl docket_store::Progress for Bar {
    fn advance(&self, n: u64) {
        self.bar.inc(n);
    }

    fn stage(&self, name: &str, total: u64) {
        self.end_stage();
        if let Some(t) = &self.timings
            && let Ok(mut current) = t.lock()
        {
            *current = Some((name.to_owned(), Instant::now()));
        }
        let bar = &self.bar;
        bar.reset();
        if total > 0 {
            bar.set_length(total);
            bar.set_style(
                ProgressStyle::with_template("{msg:>6} [{bar:40}] {pos}/{len} {per_sec} 剩余 {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
        } else {
            bar.unset_length();
            bar.set_style(
                ProgressStyle::with_template("{msg:>6} {pos} {per_sec}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
        }
        bar.set_message(name.to_owned());
    }
}
