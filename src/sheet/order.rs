//! The order a sheet's KPIs go into the plan, so that `kpi export` lists
//! every goal's and measure's KPIs back in the order the sheet did.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The order KPIs go into the plan: one that keeps every goal's and
/// measure's KPIs in the order its rows list them (so that export writes
/// the sheet back as it was), the sheet's first mention breaking ties; the
/// first mention alone when the rows' orders contradict each other.
pub fn sheet_order(n: usize, groups: &[Vec<usize>]) -> Vec<usize> {
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut before = vec![0usize; n];
    for group in groups {
        for pair in group.windows(2) {
            next[pair[0]].push(pair[1]);
            before[pair[1]] += 1;
        }
    }
    let mut ready: BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&i| before[i] == 0).map(Reverse).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(Reverse(i)) = ready.pop() {
        order.push(i);
        for &j in &next[i] {
            before[j] -= 1;
            if before[j] == 0 {
                ready.push(Reverse(j));
            }
        }
    }
    if order.len() == n {
        order
    } else {
        (0..n).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_keeps_each_measures_rows_in_order() {
        // Measure A lists KPIs 0 then 1; measure B lists 2 then 0. The first
        // mention alone would give 0, 1, 2; B wants 2 before 0.
        assert_eq!(sheet_order(3, &[vec![0, 1], vec![2, 0]]), [2, 0, 1]);
        // Contradicting orders fall back to the first mention.
        assert_eq!(sheet_order(2, &[vec![0, 1], vec![1, 0]]), [0, 1]);
        assert_eq!(sheet_order(3, &[]), [0, 1, 2]);
    }
}
