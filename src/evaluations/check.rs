//! `kpi validate` of the evaluations folder (evaluation-cycle.md §5).
