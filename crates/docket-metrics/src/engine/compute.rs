//! Compute: a query's values, 同比 and 环比 from the accumulators of a pass or the month cube's
//! cells, by the catalogue's formulas.

use std::collections::HashMap;

use crate::catalogue::{Dated, Formula, Indicator, Kind, f};
use crate::facts::day;
use crate::period::Period;

use super::query::{MAX_FIGURES, check_period};
use super::{Engine, Extras, GroupKey, GroupResult, Grouping, Layer, MetricsError, Query, Source, Value, on_threads};

impl Engine {
    /// Whether `compute` answers the query from the month cube rather than by passing over rows.
    pub fn reads_cube(&self, q: &Query) -> bool {
        let Ok((grouping, grain)) = Self::grouping(&q.by) else { return false };
        let layers: Vec<Layer> = Self::layers(Self::periods(q, grain).1).into_iter().map(Layer::new).collect();
        self.cube_views(q, &self.selection(q), grouping, &layers).is_some()
    }

    /// Computes the query's indicators for every group and period.
    pub fn compute(&self, q: &Query) -> Result<Vec<GroupResult>, MetricsError> {
        check_period(q.period)?;
        let indicators = self.indicators(&q.indicators)?;
        let (grouping, grain) = Self::grouping(&q.by)?;
        let (mains, wanted) = Self::periods(q, grain);
        let figures = self.group_count(grouping).saturating_mul(mains.len()).saturating_mul(indicators.len());
        if figures > MAX_FIGURES {
            return Err(MetricsError::TooLarge {
                groups: self.group_count(grouping),
                periods: mains.len(),
                indicators: indicators.len(),
                figures,
                limit: MAX_FIGURES,
            });
        }
        let extras = Extras {
            median: indicators.iter().any(|i| i.formula == Formula::MedianDuration),
            judges: indicators.iter().any(|i| i.formula == Formula::PerQuotaJudge),
            balance: indicators.iter().any(|i| i.formula == Formula::ClosureBalance),
        };
        let layers: Vec<Layer> = Self::layers(wanted).into_iter().map(Layer::new).collect();
        let sel = self.selection(q);
        // Whole months by court from the month cube when it has them; otherwise a pass per layer.
        let sources: Vec<Source> = match self.cube_views(q, &sel, grouping, &layers) {
            Some(views) => views.into_iter().map(Source::Cube).collect(),
            None => layers.iter().map(|l| Source::Pass(self.pass(&sel, grouping, l, extras))).collect(),
        };
        let mut where_is: HashMap<Period, (usize, usize)> = HashMap::new();
        for (li, l) in layers.iter().enumerate() {
            for (pi, p) in l.periods.iter().enumerate() {
                where_is.insert(*p, (li, pi));
            }
        }
        let scopes: Vec<u16> = indicators
            .iter()
            .map(|i| self.settings.scope_index(self.settings.scope_of(i)).map_or(0, |s| 1u16 << s))
            .collect();
        // The distinct scopes, and each indicator's among them: a cell's fields are summed over
        // the classes of a scope once, for every indicator of that scope.
        let mut scope_set: Vec<u16> = scopes.clone();
        scope_set.sort_unstable();
        scope_set.dedup();
        let scope_k: Vec<usize> = scopes.iter().map(|s| scope_set.partition_point(|x| x < s)).collect();
        let ranges: Vec<Option<crate::Range>> = indicators.iter().map(|i| self.settings.range_of(i.id)).collect();
        let groups = self.group_count(grouping);
        // The distinct-case counts (电子送达件数, 主动履行件数) for each layer and indicator asking.
        let distinct: Vec<Vec<Option<Vec<i64>>>> = layers
            .iter()
            .map(|l| {
                indicators
                    .iter()
                    .zip(&scopes)
                    .map(|(i, scope)| match i.formula {
                        Formula::DistinctCases(dated) => Some(self.distinct_cases(&sel, grouping, l, *scope, dated)),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        // Where each main period, its year-earlier and its preceding period were computed:
        // (layer, period in layer, memo slot).
        let mut slot_of: HashMap<(usize, usize), usize> = HashMap::new();
        let mut locate = |p: &Period| -> Option<(usize, usize, usize)> {
            let (li, pi) = *where_is.get(p)?;
            let next = slot_of.len();
            Some((li, pi, *slot_of.entry((li, pi)).or_insert(next)))
        };
        let targets: Vec<[Option<(usize, usize, usize)>; 3]> =
            mains.iter().map(|m| [locate(m), locate(&m.year_earlier()), locate(&m.preceding(grain))]).collect();
        let slots = slot_of.len();
        // Each group's values from the accumulators; groups are independent, so on the threads
        // the pass had when there are many.
        let group_results = |g: usize| -> Vec<GroupResult> {
            let key_part = self.group_key(grouping, g);
            if !matches!(grouping, Grouping::One) && key_part.is_none() {
                return Vec::new();
            }
            let mut results = Vec::new();
            let mut any = false;
            // Values of this group by (layer, period, indicator): a month is read as itself, as
            // next year's 同比 base and as next month's 环比 base.
            let mut memo: Vec<Option<Raw>> = vec![None; slots * indicators.len()];
            let mut sums: Vec<Option<[i64; f::ALL]>> = vec![None; slots * scope_set.len()];
            for (m, [now_at, yoy_at, mom_at]) in mains.iter().zip(&targets) {
                let mut raw = |k: usize,
                               ind: &Indicator,
                               scope: u16,
                               at: Option<(usize, usize, usize)>|
                 -> Option<Raw> {
                    let (li, pi, slot) = at?;
                    let cell = &mut memo[slot * indicators.len() + k];
                    if cell.is_none() && matches!(ind.formula, Formula::DistinctCases(_)) {
                        let v = distinct[li][k].as_ref().map_or(0, |d| d[g * layers[li].p() + pi]);
                        *cell =
                            Some(Raw { value: Some(v as f64), numerator: Some(v), denominator: None, touched: v > 0 });
                    }
                    if cell.is_none()
                        && let Formula::Record(measure) = ind.formula
                    {
                        let period = layers[li].periods[pi];
                        *cell = Some(match self.record_count(measure, q, grouping, g, period) {
                            Some(c) => Raw {
                                value: (c.denominator != 0 || ind.kind == Kind::Count).then(|| {
                                    if ind.kind == Kind::Count {
                                        c.numerator as f64
                                    } else {
                                        c.numerator as f64 / c.denominator as f64
                                    }
                                }),
                                numerator: Some(c.numerator),
                                denominator: (ind.kind != Kind::Count).then_some(c.denominator),
                                touched: c.denominator > 0,
                            },
                            None => Raw { value: None, numerator: None, denominator: None, touched: false },
                        });
                    }
                    if cell.is_none() {
                        let fields = sums[slot * scope_set.len() + scope_k[k]]
                            .get_or_insert_with(|| self.field_sums(&sources[li], scope, g, pi));
                        *cell = Some(self.raw(&sources[li], &layers[li], ind, scope, g, pi, fields));
                    }
                    *cell
                };
                let mut values = Vec::with_capacity(indicators.len());
                for (k, (ind, scope)) in indicators.iter().zip(&scopes).enumerate() {
                    let Some(now) = raw(k, ind, *scope, *now_at) else { continue };
                    any |= now.touched;
                    let change = |before: Option<Raw>| -> Option<f64> {
                        let b = before?.value?;
                        let v = now.value?;
                        match ind.kind {
                            Kind::Rate => Some(v - b),
                            _ if b == 0.0 => None,
                            _ => Some((v - b) / b),
                        }
                    };
                    values.push(Value {
                        indicator: ind,
                        value: now.value,
                        numerator: now.numerator,
                        denominator: now.denominator,
                        yoy: change(raw(k, ind, *scope, *yoy_at)),
                        mom: change(raw(k, ind, *scope, *mom_at)),
                        range: ranges[k],
                        within_range: ranges[k].zip(now.value).map(|(r, v)| r.contains(v)),
                    });
                }
                let mut key: GroupKey = Vec::new();
                if let Some(k) = &key_part {
                    key.push(k.clone());
                }
                if let Some(gr) = grain {
                    key.push((gr.name(), gr.label(m.from)));
                }
                results.push(GroupResult { key, period: *m, values });
            }
            if any || matches!(grouping, Grouping::One) { results } else { Vec::new() }
        };
        let threads = self.threads_for(self.table.len()).min(groups);
        let per = groups.div_ceil(threads);
        let out: Vec<GroupResult> = on_threads(threads, |i| {
            (i * per..((i + 1) * per).min(groups)).flat_map(&group_results).collect::<Vec<_>>()
        })
        .concat();
        for source in sources {
            if let Source::Pass(acc) = source {
                self.give_back(acc);
            }
        }
        Ok(out)
    }

    /// A distinct-case count (电子送达件数, 主动履行件数): the distinct cases of the selection with an
    /// event of the kind in each period of a layer, by group (`group × periods`), from one scan
    /// of the selected rows' events.
    fn distinct_cases(
        &self,
        sel: &super::Selection,
        grouping: Grouping,
        layer: &Layer,
        scope: u16,
        dated: Dated,
    ) -> Vec<i64> {
        let t = &self.table;
        match dated {
            Dated::Eservice => self.distinct_rows(&t.eservice, |_| true, sel, grouping, layer, scope),
            Dated::Performed => self.distinct_rows(
                &t.enforcement,
                |e| e.0 == crate::facts::enforcement::PERFORMED,
                sel,
                grouping,
                layer,
                scope,
            ),
            Dated::Flagged => self.distinct_rows(
                &t.enforcement,
                |e| e.0 == crate::facts::enforcement::FLAGGED,
                sel,
                grouping,
                layer,
                scope,
            ),
        }
    }

    fn distinct_rows<E>(
        &self,
        events: &[(u32, i32, E)],
        counts: impl Fn(&E) -> bool,
        sel: &super::Selection,
        grouping: Grouping,
        layer: &Layer,
        scope: u16,
    ) -> Vec<i64> {
        let t = &self.table;
        let p = layer.p();
        let mut out = vec![0i64; self.group_count(grouping) * p];
        let mut seen: Vec<usize> = Vec::new();
        for (lo, hi) in sel.runs(t) {
            let first = events.partition_point(|e| (e.0 as usize) < lo);
            let mut current = u32::MAX;
            // Whether the current row counts, and its groups: decided once a row, not an event.
            let mut groups = None;
            for (row, d, e) in events[first..].iter().take_while(|e| (e.0 as usize) < hi) {
                if !counts(e) {
                    continue;
                }
                if *row != current {
                    current = *row;
                    seen.clear();
                    let r = *row as usize;
                    groups = (sel.keeps(t, r) && self.class_scopes[self.class_of(r)] & scope != 0)
                        .then(|| self.groups_of(grouping, r));
                }
                let Some(row_groups) = &groups else { continue };
                let Some(pi) = layer.at(*d) else { continue };
                if seen.contains(&pi) {
                    continue;
                }
                seen.push(pi);
                for g in *row_groups {
                    out[g * p + pi] += 1;
                }
            }
        }
        out
    }

    /// Every field of one group and period, summed over the classes of a scope.
    pub(super) fn field_sums(&self, src: &Source, scope: u16, g: usize, p: usize) -> [i64; f::ALL] {
        let acc = match src {
            Source::Pass(acc) => acc,
            Source::Cube(view) => return view.field_sums(self.classes_in(scope), g, p),
        };
        let mut out = [0i64; f::ALL];
        for c in self.classes_in(scope) {
            let point = acc.cell(c, g, p) * f::POINT;
            for (o, v) in out[..f::POINT].iter_mut().zip(&acc.point[point..point + f::POINT]) {
                *o += v;
            }
            let range = ((c * acc.groups + g) * (acc.p + 1) + p) * f::RANGE;
            for (o, v) in out[f::POINT..].iter_mut().zip(&acc.range[range..range + f::RANGE]) {
                *o += v;
            }
        }
        out
    }

    /// The scope classes a scope takes in.
    fn classes_in(&self, scope: u16) -> impl Iterator<Item = usize> + Clone + '_ {
        (0..self.class_scopes.len()).filter(move |c| self.class_scopes[*c] & scope != 0)
    }

    #[allow(clippy::too_many_arguments)]
    fn raw(
        &self,
        src: &Source,
        layer: &Layer,
        ind: &Indicator,
        scope: u16,
        g: usize,
        p: usize,
        fields: &[i64; f::ALL],
    ) -> Raw {
        let s = |field: usize| if field == f::A { fields[f::O] + fields[f::N] } else { fields[field] };
        let touched = s(f::A) > 0
            || s(f::C) > 0
            || s(f::EV_ESERVICE) > 0
            || s(f::EV_HEARINGS_ONLINE) > 0
            || s(f::EV_HEARINGS_STREAMED) > 0
            || s(f::EV_URGED) > 0
            || s(f::EV_PERFORMED_FEN) > 0
            || s(f::EV_DETAINED) > 0
            || s(f::EV_REFERRALS) > 0
            || s(f::EV_BLACKLISTS) > 0
            || s(f::EV_CONFIRMATIONS) > 0
            || s(f::EV_FEE_PAID) > 0
            || s(f::EV_REFUNDS) > 0
            || s(f::EV_COMMITTEE) > 0
            || s(f::EV_FLAGGED_CLOSED) > 0
            || s(f::EV_DOCS_DUE) > 0
            || s(f::EV_PUBLISHED) > 0;
        let rate = |n: i64, d: i64| Raw {
            value: (d != 0).then(|| n as f64 / d as f64),
            numerator: Some(n),
            denominator: Some(d),
            touched,
        };
        let classes = self.classes_in(scope);
        match ind.formula {
            Formula::Total(fld) => {
                let v = s(fld);
                Raw { value: Some(v as f64), numerator: Some(v), denominator: None, touched }
            }
            Formula::Fraction(n, d) | Formula::Mean(n, d) => rate(s(n), s(d)),
            Formula::MedianDuration => {
                let (value, n) = match src {
                    Source::Pass(acc) => {
                        let mut all: Vec<u32> =
                            classes.flat_map(|c| acc.durations[acc.cell(c, g, p)].iter().copied()).collect();
                        (median(&mut all), all.len())
                    }
                    Source::Cube(view) => view.median(classes, g, p),
                };
                Raw { value, numerator: None, denominator: Some(n as i64), touched }
            }
            Formula::PerQuotaJudge => {
                let judges = match src {
                    Source::Pass(acc) => (0..acc.judge_words)
                        .map(|w| {
                            let word = classes
                                .clone()
                                .fold(0u64, |word, c| word | acc.judges[acc.cell(c, g, p) * acc.judge_words + w]);
                            i64::from(word.count_ones())
                        })
                        .sum(),
                    Source::Cube(view) => view.quota_judges(classes, g, p, self.table.judges.len()),
                };
                rate(s(f::C), judges)
            }
            // Counted before the fields are read (`record_count`, `eservice_cases`).
            Formula::Record(_) | Formula::DistinctCases(_) => {
                Raw { value: None, numerator: None, denominator: None, touched: false }
            }
            Formula::ClosureBalance => {
                let period = layer.periods[p];
                let months = layer.month_in(day(period.to)) + 1;
                if months < 3 {
                    return Raw { value: None, numerator: None, denominator: None, touched };
                }
                let counts: Vec<f64> = match src {
                    Source::Pass(acc) => (0..months)
                        .map(|m| {
                            classes.clone().map(|c| acc.month_closes[acc.cell(c, g, p) * acc.months + m]).sum::<i64>()
                                as f64
                        })
                        .collect(),
                    Source::Cube(view) => view.month_closes(classes, g, p),
                };
                Raw { value: balance(&counts), numerator: None, denominator: None, touched }
            }
        }
    }
}

#[derive(Clone, Copy)]
struct Raw {
    value: Option<f64>,
    numerator: Option<i64>,
    denominator: Option<i64>,
    touched: bool,
}

fn median(v: &mut [u32]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let n = v.len();
    let (below, upper, _) = v.select_nth_unstable(n / 2);
    let upper = f64::from(*upper);
    Some(if n % 2 == 1 { upper } else { (f64::from(below.iter().copied().max().unwrap_or(0)) + upper) / 2.0 })
}

fn balance(counts: &[f64]) -> Option<f64> {
    let n = counts.len() as f64;
    let mean = counts.iter().sum::<f64>() / n;
    if mean == 0.0 {
        return None;
    }
    let var = counts.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / n;
    Some(1.0 - var.sqrt() / mean)
}
