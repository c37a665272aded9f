//! `kpi diff`: what changed between two evaluations (evaluation-cycle.md §2, §5).
