//! A cache of parsed plans, so that a national-scale plan (100,000 KPIs,
//! 25 MB of TOML) is parsed once, not on every command (docs/cache.md).
//!
//! An entry holds the plan file's exact bytes, the path it was loaded as,
//! the `kpi` build that made it, and the parsed plan with its warnings. It
//! is used only when all of these are the same as now, byte for byte, so it
//! can never be stale: any edit to the plan, even one that keeps its size
//! and time, reads the plan anew. Any failure to read an entry (missing,
//! damaged, from another build) also just reads the plan anew; failing to
//! write one is silent. Plans with errors are never cached: their problems
//! always come from reading the plan.
//!
//! Small plans (under `MIN_SIZE`) parse in a few milliseconds and are never
//! cached, but for a workspace's members (`MEMBER_MIN_SIZE`): fifty of
//! them are read by every command in the workspace.
//!
//! The parsed plan is stored with serde in `postcard`'s compact format; the
//! entry is written whole or not at all (`crate::atomic`).

use std::fs::{self, File};
use std::hash::{DefaultHasher, Hasher};
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use super::{Index, Plan};
use crate::problem::Problems;

/// Plans smaller than this are parsed every time.
pub const MIN_SIZE: u64 = 256 * 1024;

/// A workspace's members are cached whatever their size: a city's plan
/// parses in a few milliseconds, but a workspace reads all of them on
/// every command (docs/cache.md).
pub const MEMBER_MIN_SIZE: u64 = 0;

const MAGIC: &[u8] = b"kpi plan cache 3\n";
const CHUNK: usize = 1 << 18;

/// Where the entry for one plan file lives, and what it must match.
pub struct CacheEntry {
    file: PathBuf,
    /// The `kpi` build: version, and the size and time of its executable.
    build: String,
    /// The plan's path as given, which the parsed plan carries.
    plan_path: String,
}

impl CacheEntry {
    /// The entry for the plan at `path`, or `None` when the cache is off
    /// (`KPI_CACHE=off`), has no folder, or the plan is smaller than
    /// `min_size` (`MIN_SIZE`, or `MEMBER_MIN_SIZE` for a member).
    pub fn for_plan(path: &Path, min_size: u64, alone: bool) -> Option<CacheEntry> {
        if !crate::settings::cache_enabled() {
            return None;
        }
        if fs::metadata(path).ok()?.len() < min_size {
            return None;
        }
        let plan_path = path.to_str()?.to_string();
        let canonical = fs::canonicalize(path).ok()?;
        let mut h = DefaultHasher::new();
        h.write(canonical.to_str()?.as_bytes());
        h.write_u8(0);
        h.write(plan_path.as_bytes());
        // A member's entry keeps its breakdowns as written, a plan alone's
        // has them matched: two entries, never one read for the other.
        h.write_u8(u8::from(alone));
        let file = folder()?.join(format!("plan-{:016x}.bin", h.finish()));
        Some(CacheEntry {
            file,
            build: build()?,
            plan_path,
        })
    }

    /// The cached plan, if the entry holds exactly the plan at `path` now.
    pub fn lookup(&self, path: &Path) -> Option<(Plan, Problems)> {
        let mut cache = BufReader::with_capacity(CHUNK, File::open(&self.file).ok()?);
        let mut magic = vec![0; MAGIC.len()];
        cache.read_exact(&mut magic).ok()?;
        if magic != MAGIC
            || read_bytes(&mut cache, 4096)? != self.build.as_bytes()
            || read_bytes(&mut cache, 1 << 16)? != self.plan_path.as_bytes()
        {
            return None;
        }
        // The plan's bytes, compared chunk by chunk with the file as it is now.
        let len = read_u64(&mut cache)?;
        let mut plan = File::open(path).ok()?;
        let (mut a, mut b) = (vec![0; CHUNK], vec![0; CHUNK]);
        let mut left = len;
        while left > 0 {
            let n = usize::try_from(left.min(CHUNK as u64)).ok()?;
            cache.read_exact(&mut a[..n]).ok()?;
            plan.read_exact(&mut b[..n]).ok()?;
            if a[..n] != b[..n] {
                return None;
            }
            left -= n as u64;
        }
        if plan.read(&mut b[..1]).ok()? != 0 {
            return None; // the plan has grown
        }
        let sum = read_u64(&mut cache)?;
        let size = fs::metadata(&self.file).ok()?.len();
        let payload = read_bytes(&mut cache, size)?;
        if checksum(&payload) != sum {
            return None;
        }
        decode(&payload, path)
    }

    /// Store the plan parsed from `text`; best effort, errors are ignored.
    pub fn store(&self, text: &[u8], plan: &Plan, warnings: &Problems) {
        let Some(payload) = encode(plan, warnings) else {
            return;
        };
        let Some(dir) = self.file.parent() else {
            return;
        };
        if fs::create_dir_all(dir).is_err() {
            return;
        }
        let _ = crate::atomic::replace_with(&self.file, |w| {
            w.write_all(MAGIC)?;
            write_bytes(w, self.build.as_bytes())?;
            write_bytes(w, self.plan_path.as_bytes())?;
            write_bytes(w, text)?;
            w.write_all(&checksum(&payload).to_le_bytes())?;
            write_bytes(w, &payload)
        });
    }
}

/// The parsed plan and its warnings as bytes; `None` when something in it
/// cannot be stored (a path that is not UTF-8), and the plan is then not
/// cached. Its path and index are left out: the entry is only read for the
/// same path, and the index is rebuilt.
fn encode(plan: &Plan, warnings: &Problems) -> Option<Vec<u8>> {
    postcard::to_allocvec(&(plan, warnings)).ok()
}

/// The plan back from `encode`'s bytes, read as the plan at `path`; `None`
/// unless the bytes are exactly one plan and its warnings.
fn decode(bytes: &[u8], path: &Path) -> Option<(Plan, Problems)> {
    let ((plan, warnings), rest): ((Plan, Problems), _) = postcard::take_from_bytes(bytes).ok()?;
    if !rest.is_empty() {
        return None;
    }
    let mut plan = Plan {
        path: path.to_path_buf(),
        ..plan
    };
    // The lists grew by doubling as they were read: give back the room
    // past their ends (a third of a national plan's KPIs' list).
    plan.goals.shrink_to_fit();
    plan.measures.shrink_to_fit();
    plan.kpis.shrink_to_fit();
    let index = Index::new(&plan);
    Some((Plan { index, ..plan }, warnings))
}

/// `$KPI_CACHE_DIR`, else `$XDG_CACHE_HOME/kpi`, else `~/.cache/kpi`.
fn folder() -> Option<PathBuf> {
    let var = |name| {
        crate::settings::env()
            .var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    var("KPI_CACHE_DIR")
        .or_else(|| var("XDG_CACHE_HOME").map(|p| p.join("kpi")))
        .or_else(|| var("HOME").map(|p| p.join(".cache").join("kpi")))
}

/// The running build: a rebuilt `kpi` (even of the same version) has a new
/// executable, so its entries are never read by another build's code.
fn build() -> Option<String> {
    let exe = fs::metadata(std::env::current_exe().ok()?).ok()?;
    let time = exe.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(format!(
        "{} {} {}.{:09}",
        env!("CARGO_PKG_VERSION"),
        exe.len(),
        time.as_secs(),
        time.subsec_nanos()
    ))
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

fn read_u64(r: &mut impl Read) -> Option<u64> {
    let mut b = [0; 8];
    r.read_exact(&mut b).ok()?;
    Some(u64::from_le_bytes(b))
}

/// A length-prefixed byte string of at most `max` bytes.
fn read_bytes(r: &mut impl Read, max: u64) -> Option<Vec<u8>> {
    let len = read_u64(r)?;
    if len > max {
        return None;
    }
    let mut v = vec![0; usize::try_from(len).ok()?];
    r.read_exact(&mut v).ok()?;
    Some(v)
}

fn write_bytes(w: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
    w.write_all(&(bytes.len() as u64).to_le_bytes())?;
    w.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::{Location, Problem};
    use crate::test_plans::goal_measures_rate_count;

    const HEAD: &str = r#"[plan]
title = "t"
organization = "朝霞市"
year_style = "era"
baseline_year = "H26"
target_year = "H31"
reviews = "notes"

[evaluation]
basis = "target"

[[evaluation.grade]]
label = "A"
status = ["achieved", "on_track"]
pace_at_least = 1.0

"#;

    /// Every kind of field has something in it to lose.
    fn plan_text() -> String {
        let count_more = "owner = \"o\"\nsource = \"s\"\nnote = \"n\"\n\
            revisions = [{ from = \"H29\", target = 25.0, note = \"上方修正\" }]\n";
        let body =
            goal_measures_rate_count("aim = \"a\"\n", "description = \"d\"\n", -13, count_more);
        HEAD.to_string() + &body
    }

    #[test]
    fn a_plan_comes_back_as_it_went_in() {
        let path = Path::new("dir/kpi.toml");
        let (plan, warnings) = crate::plan::load_str(path, &plan_text()).unwrap();
        let mut warnings = warnings;
        warnings.push(Problem::warning(Location::line(path, 3), "w").hint("h"));
        // Every kind of field has something in it to lose.
        assert_eq!(plan.kpis[1].revisions.len(), 1);
        assert_eq!(plan.scoring.grades[0].conditions.len(), 1);
        assert!(plan.reviews.ends_with("notes"));
        let bytes = encode(&plan, &warnings).unwrap();
        let back = decode(&bytes, path).unwrap();
        // Every field, the path and the rebuilt index included.
        assert_eq!(back, (plan.clone(), warnings));
        // Decimals compare by value: their scale is checked by their text
        // (50.0 stays 50.0, 0.95 stays 0.95).
        assert_eq!(format!("{back:?}"), format!("{:?}", (plan, &back.1)));
    }

    #[test]
    fn damaged_bytes_never_decode_into_a_plan_or_panic() {
        let path = Path::new("kpi.toml");
        let (plan, warnings) = crate::plan::load_str(path, &plan_text()).unwrap();
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
