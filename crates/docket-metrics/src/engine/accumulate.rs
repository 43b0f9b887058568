//! Accumulation: what one row adds to its groups' accumulators, for each period of a layer.

use crate::catalogue::f;
use crate::facts::{OPEN, add_months, enforcement, flag, hearing};

use super::{AGE_MONTHS, Acc, Engine, Extras, Grouping, Layer, Selection};

impl Engine {
    /// Adds the dated events of rows `lo..hi` that fall in a period of the layer: `add` gets the
    /// point fields of the event's cell and the event's value.
    #[allow(clippy::too_many_arguments)]
    fn accumulate_events<E: Copy>(
        &self,
        events: &[(u32, i32, E)],
        (lo, hi): (usize, usize),
        layer: &Layer,
        grouping: Grouping,
        sel: &Selection,
        acc: &mut Acc,
        add: impl Fn(&mut [i64], E),
    ) {
        let first = events.partition_point(|e| (e.0 as usize) < lo);
        for &(row, d, value) in events[first..].iter().take_while(|e| (e.0 as usize) < hi) {
            let row = row as usize;
            if let Some(p) = layer.at(d)
                && sel.keeps(&self.table, row)
            {
                let class = self.class_of(row);
                for g in self.groups_of(grouping, row) {
                    let base = acc.cell(class, g, p) * f::POINT;
                    add(&mut acc.point[base..base + f::POINT], value);
                }
            }
        }
    }

    /// The dated events of rows `lo..hi` — electronic service, recoveries, hearings held online
    /// or streamed — counted by their date.
    pub(super) fn accumulate_dated(
        &self,
        rows: (usize, usize),
        layer: &Layer,
        grouping: Grouping,
        sel: &Selection,
        acc: &mut Acc,
    ) {
        let t = &self.table;
        self.accumulate_events(&t.eservice, rows, layer, grouping, sel, acc, |a, delivered| {
            a[f::EV_ESERVICE] += 1;
            a[f::EV_ESERVICE_DELIVERED] += i64::from(delivered);
        });
        self.accumulate_events(&t.recoveries, rows, layer, grouping, sel, acc, |a, fen| {
            a[f::EV_RECOVERED_FEN] += fen;
        });
        self.accumulate_events(&t.hearings, rows, layer, grouping, sel, acc, |a, bits| {
            a[f::EV_HEARINGS_ONLINE] += i64::from(bits & hearing::ONLINE != 0);
            a[f::EV_HEARINGS_STREAMED] += i64::from(bits & hearing::STREAMED != 0);
        });
        self.accumulate_events(&t.enforcement, rows, layer, grouping, sel, acc, |a, (kind, value)| {
            // A two-way event counts once in its total and its value (0 or 1) in the part.
            let (field, part) = match kind {
                enforcement::URGED => (f::EV_URGED, None),
                enforcement::PERFORMED => (f::EV_PERFORMED_FEN, None),
                enforcement::DETAINED => (f::EV_DETAINED, None),
                enforcement::REFERRAL => (f::EV_REFERRALS, None),
                enforcement::BLACKLISTED => (f::EV_BLACKLISTS, None),
                enforcement::CONFIRMATION => (f::EV_CONFIRMATIONS, Some(f::EV_CONFIRMED)),
                enforcement::FEE_PAID => (f::EV_FEE_PAID, Some(f::EV_FEE_PAID_ONLINE)),
                enforcement::REFUND => (f::EV_REFUNDS, Some(f::EV_REFUNDS_TIMELY)),
                enforcement::FLAGGED_CLOSED => (f::EV_FLAGGED_CLOSED, Some(f::EV_FLAGGED_READ)),
                enforcement::COMMITTEE => (f::EV_COMMITTEE, None),
                enforcement::DOCUMENT_DUE => (f::EV_DOCS_DUE, Some(f::EV_DOCS_ONLINE)),
                enforcement::PUBLISHED => (f::EV_PUBLISHED, Some(f::EV_PUBLISHED_TIMELY)),
                // Marks are counted as distinct cases by a scan of the events.
                _ => return,
            };
            match part {
                None => a[field] += value,
                Some(p) => {
                    a[field] += 1;
                    a[p] += value;
                }
            }
        });
    }

    /// Accumulates one row into `acc` for every group it belongs to.
    #[inline]
    pub(super) fn accumulate_row(&self, layer: &Layer, grouping: Grouping, row: usize, acc: &mut Acc, extras: Extras) {
        let t = &self.table;
        let class = self.class_of(row);
        let filed = t.filed[row];
        let closed = t.closed[row];
        let flags = t.flags[row];
        let filed_p = layer.at(filed);
        let closed_p = if closed == OPEN { None } else { layer.at(closed) };
        // Range bounds, shared by every group.
        let u_end = if closed == OPEN { layer.p() } else { layer.end_ge(closed) };
        let u_start = layer.end_ge(filed);
        let o_start = layer.start_ge(filed + 1);
        let o_end = if closed == OPEN { layer.p() } else { layer.start_ge(closed + 1) };
        let deadline = t.deadline[row];
        let overdue_start = if deadline == OPEN { None } else { Some(layer.end_ge(filed.max(deadline + 1))) };
        let months: [i32; 5] = match self.month_table.get((filed - self.month_table_lo) as usize) {
            Some(m) if filed >= self.month_table_lo => *m,
            _ => AGE_MONTHS.map(|m| add_months(filed, m)),
        };
        let suspended = t.suspended_since[row];
        let age_end = if closed == OPEN && suspended != OPEN { layer.end_ge(suspended) } else { u_end };
        for g in self.groups_of(grouping, row) {
            if let Some(p) = filed_p {
                let base = acc.cell(class, g, p) * f::POINT;
                let a = &mut acc.point[base..base + f::POINT];
                a[f::N] += 1;
                if flags & flag::ONLINE != 0 {
                    a[f::N_ONLINE] += 1;
                }
                if flags & flag::PREMEDIATION != 0 {
                    a[f::N_PREMEDIATION] += 1;
                }
                let r = t.receipt_days[row];
                if r >= 0 {
                    a[f::N_RECEIVED] += 1;
                    if i64::from(r) <= t.filing_limit_days {
                        a[f::N_RECEIVED_IN_TIME] += 1;
                    }
                }
                let m = t.matter_size[row];
                if m > 0 {
                    a[f::MATTERS] += 1;
                    a[f::MATTER_CASES] += i64::from(m);
                }
            }
            if let Some(p) = closed_p {
                let cell = acc.cell(class, g, p);
                let base = cell * f::POINT;
                let a = &mut acc.point[base..base + f::POINT];
                let days = i64::from(closed - filed);
                a[f::C] += 1;
                a[f::C_DAYS] += days;
                a[f::C_NET_DAYS] += days - i64::from(t.deducted[row]);
                // Slot 0 is the zero pair, so a case without amounts adds nothing, without a branch.
                let (claim, recovered) = t.amounts[t.amount_slot[row] as usize];
                a[f::C_APPLIED_FEN] += claim;
                a[f::C_RECOVERED_FEN] += recovered;
                let mut mask = t.close_mask[row];
                while mask != 0 {
                    a[mask.trailing_zeros() as usize] += 1;
                    mask &= mask - 1;
                }
                let j = t.judge[row];
                if extras.median {
                    acc.durations[cell].push(days.max(0) as u32);
                }
                if extras.judges && flags & flag::QUOTA_JUDGE != 0 {
                    let w = cell * acc.judge_words + usize::from(j) / 64;
                    acc.judges[w] |= 1 << (j % 64);
                }
            }
            if extras.balance
                && let Some(p) = closed_p
            {
                let m = layer.month_in(closed);
                let i = acc.cell(class, g, p) * acc.months + m;
                acc.month_closes[i] += 1;
            }
            acc.add_range(class, g, f::U, u_start, u_end);
            acc.add_range(class, g, f::O, o_start, o_end);
            if let Some(s) = overdue_start {
                acc.add_range(class, g, f::U_OVERDUE, s, u_end);
            }
            // A case closed within three months of filing is only ever in the first age bucket.
            if closed <= months[0] {
                acc.add_range(class, g, f::U_AGE, u_start, age_end.max(u_start));
                continue;
            }
            // Closed by a boundary, the case is in no period past it: the later ranges are empty.
            for (k, fld) in [(2usize, f::U_LONG_12M), (3, f::U_LONG_18M), (4, f::U_LONG_36M)] {
                if months[k] >= closed {
                    break;
                }
                acc.add_range(class, g, fld, layer.end_ge(months[k].saturating_add(1)), u_end);
            }
            // Bucket b holds the periods whose last day is at least the b-th boundary after
            // filing and before the next one.
            let mut start = u_start;
            for b in 0..=months.len() {
                let boundary_end = months.get(b).map(|m| layer.end_ge(*m));
                let end = boundary_end.map_or(age_end, |e| e.min(age_end));
                let s = start.min(age_end);
                acc.add_range(class, g, f::U_AGE + b, s, end.max(s));
                match boundary_end {
                    Some(e) if e.max(u_start) < age_end => start = e.max(u_start),
                    _ => break,
                }
            }
        }
    }
}
