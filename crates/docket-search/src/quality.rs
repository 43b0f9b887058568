//! How good a ranking is against graded labels: NDCG@k and P@k (as LeCaRD reports them).

/// Discounted cumulative gain of the first `k` grades (gain 2^g − 1, discount log2(rank + 1)).
fn dcg(grades: &[u8], k: usize) -> f64 {
    grades.iter().take(k).enumerate().map(|(i, g)| (2f64.powi(i32::from(*g)) - 1.0) / ((i + 2) as f64).log2()).sum()
}

/// NDCG@k of a ranking: `ranked` are the grades of the results in order; `all` the grades of
/// every labelled document for the query (the ideal order is them sorted). 0 when nothing is
/// relevant.
pub fn ndcg_at(k: usize, ranked: &[u8], all: &[u8]) -> f64 {
    let mut ideal = all.to_vec();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let best = dcg(&ideal, k);
    if best == 0.0 { 0.0 } else { dcg(ranked, k) / best }
}

/// P@k: the share of the first `k` results with a grade of at least `relevant` (a missing result
/// counts as not relevant).
pub fn precision_at(k: usize, ranked: &[u8], relevant: u8) -> f64 {
    ranked.iter().take(k).filter(|g| **g >= relevant).count() as f64 / k as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_perfect_ranking_scores_one_and_a_reversed_one_less() {
        let all = [3, 2, 0, 0, 1];
        assert!((ndcg_at(10, &[3, 2, 1, 0, 0], &all) - 1.0).abs() < 1e-12);
        let reversed = ndcg_at(10, &[0, 0, 1, 2, 3], &all);
        assert!(reversed < 0.6 && reversed > 0.0, "{reversed}");
        // By hand: DCG = 7/1 + 3/log2(3) ≈ 8.8928; ideal adds 1/2 → 9.3928.
        let v = ndcg_at(3, &[3, 2, 0], &all);
        assert!((v - 8.892_789 / 9.392_789).abs() < 1e-5, "{v}");
        assert_eq!(ndcg_at(5, &[0, 0], &[0, 0]), 0.0);
    }

    #[test]
    fn precision_counts_missing_results_as_misses() {
        assert_eq!(precision_at(5, &[3, 0, 2], 1), 0.4);
        assert_eq!(precision_at(2, &[1, 1, 0], 1), 1.0);
    }
}
