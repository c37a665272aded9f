//! Hand-worked cases for every figure and status rule of progress.md.
