//! The pass over the rows: the rows split among threads, each accumulating its share, the
//! accumulators merged; and the layers of disjoint periods a query's periods are arranged in.

use crate::period::{Grain, Period};

use super::{Acc, Engine, Extras, Grouping, Layer, Query, SPARE_ACCS, SPARE_BYTES, Selection, on_threads};

impl Engine {
    /// Threads for work over `rows` rows: one below `parallel_rows`, else the cores (two to four;
    /// with one core the threads take turns and the results are the same).
    pub(super) fn threads_for(&self, rows: usize) -> usize {
        if rows >= self.parallel_rows {
            std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(2, 4)
        } else {
            1
        }
    }

    /// An accumulator for a pass: a spare one reshaped, or a new one.
    pub(super) fn acc(&self, groups: usize, layer: &Layer, extras: Extras) -> Acc {
        let spare = self.spare.lock().map(|mut s| s.pop()).unwrap_or(None);
        let (classes, judges) = (self.class_scopes.len(), self.table.judges.len());
        match spare {
            Some(acc) => acc.reuse(classes, groups, layer, judges, extras),
            None => Acc::new(classes, groups, layer, judges, extras),
        }
    }

    /// Keeps an accumulator for a later pass unless enough are kept or it is large.
    pub(super) fn give_back(&self, acc: Acc) {
        if acc.bytes() <= SPARE_BYTES
            && let Ok(mut spare) = self.spare.lock()
            && spare.len() < SPARE_ACCS
        {
            spare.push(acc);
        }
    }

    /// One pass over the selected rows for one layer, on up to four threads taking runs of
    /// rows in turn (the rows are in court order and courts differ in work per row).
    pub(super) fn pass(&self, sel: &Selection, grouping: Grouping, layer: &Layer, extras: Extras) -> Acc {
        let groups = self.group_count(grouping);
        // Only the selected courts' rows are read (a court's rows are one run).
        let runs = sel.runs(&self.table);
        let n: usize = runs.iter().map(|(lo, hi)| hi - lo).sum();
        let threads = self.threads_for(n);
        let run_len = if threads > 1 { n.div_ceil(threads * 16) } else { n }.max(1);
        let units: Vec<(usize, usize)> = runs
            .iter()
            .flat_map(|&(lo, hi)| (lo..hi).step_by(run_len).map(move |at| (at, (at + run_len).min(hi))))
            .collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let t = &self.table;
        let work = || -> Acc {
            let mut acc = self.acc(groups, layer, extras);
            while let Some(&(lo, hi)) = units.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
                for row in lo..hi {
                    if sel.keeps(t, row) {
                        self.accumulate_row(layer, grouping, row, &mut acc, extras);
                    }
                }
                self.accumulate_dated((lo, hi), layer, grouping, sel, &mut acc);
            }
            acc
        };
        let mut parts = on_threads(threads, |_| work());
        let mut acc = parts.pop().unwrap_or_else(|| self.acc(groups, layer, extras));
        for other in parts {
            acc.merge_from(&other);
            self.give_back(other);
        }
        acc.finish();
        acc
    }

    /// Splits the periods into layers of pairwise disjoint periods (one pass each).
    pub(super) fn layers(mut periods: Vec<Period>) -> Vec<Vec<Period>> {
        periods.sort();
        periods.dedup();
        let mut layers: Vec<Vec<Period>> = Vec::new();
        for p in periods {
            match layers.iter_mut().find(|l| l.last().is_some_and(|last| last.to < p.from)) {
                Some(l) => l.push(p),
                None => layers.push(vec![p]),
            }
        }
        layers
    }

    /// The query's periods, and with them their 同比 and 环比 bases: every period computed.
    pub(super) fn periods(q: &Query, grain: Option<Grain>) -> (Vec<Period>, Vec<Period>) {
        let mains = match grain {
            Some(g) => q.period.split(g),
            None => vec![q.period],
        };
        let mut wanted = mains.clone();
        for m in &mains {
            wanted.push(m.year_earlier());
            wanted.push(m.preceding(grain));
        }
        (mains, wanted)
    }
}
