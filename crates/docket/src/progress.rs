//! A progress bar on stderr for long imports and checks; silent when stderr is not a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Bar(ProgressBar);

impl Bar {
    pub fn new(visible: bool) -> Self {
        let bar = ProgressBar::with_draw_target(None, if visible { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() });
        Self(bar)
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl docket_store::Progress for Bar {
    fn advance(&self, n: u64) {
        self.0.inc(n);
    }
}

impl docket_app::Reporter for Bar {
    fn stage(&self, name: &str, total: u64) {
        self.0.reset();
        if total > 0 {
            self.0.set_length(total);
            self.0.set_style(
                ProgressStyle::with_template("{msg:>6} [{bar:40}] {pos}/{len} {per_sec} 剩余 {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
        } else {
            self.0.unset_length();
            self.0.set_style(ProgressStyle::with_template("{msg:>6} {pos} {per_sec}").unwrap_or_else(|_| ProgressStyle::default_spinner()));
        }
        self.0.set_message(name.to_owned());
    }
}
