//! A parsed plan (and the warnings of its loading) as compact bytes, and
//! back. Every read is bounds-checked: bytes that do not decode give `None`,
//! never a panic. Structs are taken apart field by field, so that a field
//! added to the plan's types fails to compile here until it is encoded too.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::bands::{Compare, Condition, Figure};
use crate::plan::{
    Attachment, Basis, Direction, Goal, GradeBand, Index, Kpi, Measure, MeasureParent, PathShape,
    Plan, Point, Revision, Scoring,
};
use crate::problem::{Location, Problem, Problems, Severity};
use crate::status::Status;
use crate::year::{FiscalYear, YearStyle};

/// The plan's bytes; `None` when something in it cannot be stored (a path
/// that is not UTF-8), and the plan is then not cached.
pub fn encode(plan: &Plan, warnings: &Problems) -> Option<Vec<u8>> {
    let mut w = Out(Vec::with_capacity(plan.kpis.len() * 160 + 4096));
    let Plan {
        path: _, // the cache entry is only used for this same path
        title,
        organization,
        fiscal_year_start,
        year_style,
        actuals,
        actuals_explicit,
        reviews,
        scoring,
        goals,
        measures,
        kpis,
        index: _,
    } = plan;
    w.str(title);
    w.opt_str(organization);
    w.u32(*fiscal_year_start);
    w.u8(match year_style {
        YearStyle::Era => 0,
        YearStyle::Fiscal => 1,
        YearStyle::Western => 2,
    });
    w.len(actuals.len());
    for a in actuals {
        w.path(a)?;
    }
    w.bool(*actuals_explicit);
    w.path(reviews)?;
    scoring_out(&mut w, scoring);
    w.len(goals.len());
    for Goal {
        id,
        name,
        aim,
        line,
    } in goals
    {
        w.str(id);
        w.str(name);
        w.opt_str(aim);
        w.len(*line);
    }
    w.len(measures.len());
    for m in measures {
        let Measure {
            id,
            name,
            parent,
            description,
            line,
        } = m;
        w.str(id);
        w.str(name);
        match parent {
            MeasureParent::Goal(g) => {
                w.u8(0);
                w.str(g);
            }
            MeasureParent::Measure(p) => {
                w.u8(1);
                w.str(p);
            }
        }
        w.opt_str(description);
        w.len(*line);
    }
    w.len(kpis.len());
    for k in kpis {
        kpi_out(&mut w, k);
    }
    w.len(warnings.0.len());
    for p in &warnings.0 {
        let Problem {
            severity,
            location,
            message,
            hint,
        } = p;
        w.bool(*severity == Severity::Error);
        w.path(&location.file)?;
        w.opt_len(location.line);
        w.opt_len(location.column);
        w.str(message);
        w.opt_str(hint);
    }
    Some(w.0)
}

fn scoring_out(w: &mut Out, s: &Scoring) {
    let Scoring {
        on_track,
        at_risk,
        stale_after,
        basis,
        path,
        grades,
    } = s;
    w.decimal(on_track);
    w.decimal(at_risk);
    w.i32(*stale_after);
    w.bool(*basis == Basis::Target);
    w.bool(*path == PathShape::Geometric);
    w.len(grades.len());
    for g in grades {
        let GradeBand {
            label,
            status,
            conditions,
        } = g;
        w.str(label);
        match status {
            None => w.bool(false),
            Some(list) => {
                w.bool(true);
                w.len(list.len());
                for st in list {
                    w.u8(Status::ALL.iter().position(|s| s == st).unwrap_or(0) as u8);
                }
            }
        }
        w.len(conditions.len());
        for c in conditions {
            w.u8(Figure::ALL.iter().position(|f| *f == c.figure).unwrap_or(0) as u8);
            w.u8(Compare::ALL
                .iter()
                .position(|x| *x == c.compare)
                .unwrap_or(0) as u8);
            w.decimal(&c.bound);
        }
    }
}

fn kpi_out(w: &mut Out, k: &Kpi) {
    let Kpi {
        id,
        name,
        attachment,
        unit,
        baseline,
        target,
        direction,
        milestones,
        cumulative,
        source,
        owner,
        note,
        revisions,
        line,
    } = k;
    w.str(id);
    w.str(name);
    match attachment {
        Attachment::Goal(g) => {
            w.u8(0);
            w.str(g);
        }
        Attachment::Measures(ms) => {
            w.u8(1);
            w.len(ms.len());
            for m in ms {
                w.str(m);
            }
        }
    }
    w.opt_str(unit);
    w.point(baseline);
    w.point(target);
    w.bool(*direction == Direction::Decrease);
    w.len(milestones.len());
    for m in milestones {
        w.point(m);
    }
    w.bool(*cumulative);
    w.opt_str(source);
    w.opt_str(owner);
    w.opt_str(note);
    w.len(revisions.len());
    for r in revisions {
        w.i32(r.from.0);
        w.point(&r.target);
        w.opt_str(&r.note);
        w.len(r.line);
    }
    w.len(*line);
}

/// The plan back from `encode`'s bytes, as loaded from `path`.
pub fn decode(bytes: &[u8], path: &Path) -> Option<(Plan, Problems)> {
    let mut r = In(bytes);
    let title = r.str()?;
    let organization = r.opt_str()?;
    let fiscal_year_start = r.u32()?;
    let year_style = match r.u8()? {
        0 => YearStyle::Era,
        1 => YearStyle::Fiscal,
        2 => YearStyle::Western,
        _ => return None,
    };
    let actuals = r.list(|r| r.str().map(PathBuf::from))?;
    let actuals_explicit = r.bool()?;
    let reviews = PathBuf::from(r.str()?);
    let scoring = scoring_in(&mut r)?;
    let goals = r.list(|r| {
        Some(Goal {
            id: r.str()?,
            name: r.str()?,
            aim: r.opt_str()?,
            line: r.len()?,
        })
    })?;
    let measures = r.list(|r| {
        Some(Measure {
            id: r.str()?,
            name: r.str()?,
            parent: match r.u8()? {
                0 => MeasureParent::Goal(r.str()?),
                1 => MeasureParent::Measure(r.str()?),
                _ => return None,
            },
            description: r.opt_str()?,
            line: r.len()?,
        })
    })?;
    let kpis = r.list(kpi_in)?;
    let warnings = r.list(|r| {
        Some(Problem {
            severity: if r.bool()? {
                Severity::Error
            } else {
                Severity::Warning
            },
            location: Location {
                file: PathBuf::from(r.str()?),
                sheet: None,
                line: r.opt_len()?,
                column: r.opt_len()?,
            },
            message: r.str()?,
            hint: r.opt_str()?,
        })
    })?;
    if !r.0.is_empty() {
        return None;
    }
    let plan = Plan {
        path: path.to_path_buf(),
        title,
        organization,
        fiscal_year_start,
        year_style,
        actuals,
        actuals_explicit,
        reviews,
        scoring,
        goals,
        measures,
        kpis,
        index: Index::default(),
    };
    let index = Index::new(&plan);
    Some((Plan { index, ..plan }, Problems(warnings)))
}

fn scoring_in(r: &mut In) -> Option<Scoring> {
    Some(Scoring {
        on_track: r.decimal()?,
        at_risk: r.decimal()?,
        stale_after: r.i32()?,
        basis: if r.bool()? {
            Basis::Target
        } else {
            Basis::Baseline
        },
        path: if r.bool()? {
            PathShape::Geometric
        } else {
            PathShape::Linear
        },
        grades: r.list(|r| {
            Some(GradeBand {
                label: r.str()?,
                status: if r.bool()? {
                    Some(r.list(|r| Status::ALL.get(usize::from(r.u8()?)).copied())?)
                } else {
                    None
                },
                conditions: r.list(|r| {
                    Some(Condition {
                        figure: *Figure::ALL.get(usize::from(r.u8()?))?,
                        compare: *Compare::ALL.get(usize::from(r.u8()?))?,
                        bound: r.decimal()?,
                    })
                })?,
            })
        })?,
    })
}

fn kpi_in(r: &mut In) -> Option<Kpi> {
    Some(Kpi {
        id: r.str()?,
        name: r.str()?,
        attachment: match r.u8()? {
            0 => Attachment::Goal(r.str()?),
            1 => Attachment::Measures(r.list(In::str)?),
            _ => return None,
        },
        unit: r.opt_str()?,
        baseline: r.point()?,
        target: r.point()?,
        direction: if r.bool()? {
            Direction::Decrease
        } else {
            Direction::Increase
        },
        milestones: r.list(In::point)?,
        cumulative: r.bool()?,
        source: r.opt_str()?,
        owner: r.opt_str()?,
        note: r.opt_str()?,
        revisions: r.list(|r| {
            Some(Revision {
                from: FiscalYear(r.i32()?),
                target: r.point()?,
                note: r.opt_str()?,
                line: r.len()?,
            })
        })?,
        line: r.len()?,
    })
}

struct Out(Vec<u8>);

impl Out {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn bool(&mut self, v: bool) {
        self.u8(u8::from(v));
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn i32(&mut self, v: i32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    /// Lengths and lines: 7 bits a byte, small numbers in one byte.
    fn len(&mut self, mut v: usize) {
        while v >= 0x80 {
            self.u8((v as u8) | 0x80);
            v >>= 7;
        }
        self.u8(v as u8);
    }
    fn opt_len(&mut self, v: Option<usize>) {
        match v {
            None => self.len(0),
            Some(n) => self.len(n.saturating_add(1)),
        }
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt_str(&mut self, s: &Option<String>) {
        match s {
            None => self.bool(false),
            Some(s) => {
                self.bool(true);
                self.str(s);
            }
        }
    }
    fn path(&mut self, p: &Path) -> Option<()> {
        self.str(p.to_str()?);
        Some(())
    }
    fn decimal(&mut self, d: &Decimal) {
        self.0.extend_from_slice(&d.serialize());
    }
    fn point(&mut self, p: &Point) {
        self.i32(p.year.0);
        self.decimal(&p.value);
    }
}

struct In<'a>(&'a [u8]);

impl<'a> In<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn bool(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn i32(&mut self) -> Option<i32> {
        Some(i32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn len(&mut self) -> Option<usize> {
        let mut v: usize = 0;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= usize::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    fn opt_len(&mut self) -> Option<Option<usize>> {
        Some(self.len()?.checked_sub(1))
    }
    fn str(&mut self) -> Option<String> {
        let n = self.len()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn opt_str(&mut self) -> Option<Option<String>> {
        if self.bool()? {
            self.str().map(Some)
        } else {
            Some(None)
        }
    }
    /// A list; its length is checked against what is left, so that a bad
    /// length cannot ask for a huge allocation.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.len()?;
        if n > self.0.len() {
            return None;
        }
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(item(self)?);
        }
        Some(v)
    }
    fn decimal(&mut self) -> Option<Decimal> {
        let bytes: [u8; 16] = self.take(16)?.try_into().ok()?;
        // Flags: sign in the top bit, scale (at most 28) in bits 16-23, the rest 0.
        let flags = u32::from_le_bytes(bytes[..4].try_into().ok()?);
        if flags & 0x7F00_FFFF != 0 || (flags >> 16) & 0xFF > 28 {
            return None;
        }
        Some(Decimal::deserialize(bytes))
    }
    fn point(&mut self) -> Option<Point> {
        Some(Point {
            year: FiscalYear(self.i32()?),
            value: self.decimal()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = r#"[plan]
title = "t"
organization = "朝霞市"
year_style = "era"
baseline_year = "H26"
target_year = "H31"

[evaluation]
basis = "target"

[[evaluation.grade]]
label = "A"
status = ["achieved", "on_track"]
pace_at_least = 1.0

[[goal]]
id = "1"
name = "g"
aim = "a"

[[measure]]
id = "1.1"
goal = "1"
name = "m"

[[measure]]
id = "1.1.1"
parent = "1.1"
name = "m1"
description = "d"

[[kpi]]
id = "rate"
name = "率"
goal = "1"
unit = "%"
baseline = { value = 40.7 }
target = { value = 50.0 }

[[kpi]]
id = "count"
name = "件数"
measures = ["1.1.1", "1.1"]
baseline = { value = -13, year = 2014 }
target = 21
milestones = { H30 = 19, "FY2016" = 15 }
cumulative = true
owner = "o"
source = "s"
note = "n"
"#;

    #[test]
    fn a_plan_comes_back_as_it_went_in() {
        let path = Path::new("dir/kpi.toml");
        let (plan, warnings) = crate::plan::load_str(path, PLAN).unwrap();
        let mut warnings = warnings;
        warnings.push(Problem::warning(Location::line(path, 3), "w").hint("h"));
        let bytes = encode(&plan, &warnings).unwrap();
        let (back, back_warnings) = decode(&bytes, path).unwrap();
        // Debug shows every field, decimals with their scale (50.0 stays 50.0).
        assert_eq!(format!("{:?}", back.kpis), format!("{:?}", plan.kpis));
        assert_eq!(format!("{:?}", back.goals), format!("{:?}", plan.goals));
        assert_eq!(
            format!("{:?}", back.measures),
            format!("{:?}", plan.measures)
        );
        assert_eq!(format!("{:?}", back.scoring), format!("{:?}", plan.scoring));
        assert_eq!(back.title, plan.title);
        assert_eq!(back.organization, plan.organization);
        assert_eq!(back.year_style, plan.year_style);
        assert_eq!(back.actuals, plan.actuals);
        assert_eq!(back.path, plan.path);
        assert_eq!(back_warnings.0, warnings.0);
        assert_eq!(back.kpi_index("count"), Some(1), "the index is rebuilt");
    }

    #[test]
    fn damaged_bytes_never_decode_into_a_plan_or_panic() {
        let path = Path::new("kpi.toml");
        let (plan, warnings) = crate::plan::load_str(path, PLAN).unwrap();
        let bytes = encode(&plan, &warnings).unwrap();
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut], path).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer, path).is_none());
        // Flipped bytes may still decode (the store's checksum catches
        // them); they must not panic.
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0xA5;
            let _ = decode(&b, path);
        }
    }
}
