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
//! cached.

mod codec;

use std::fs::{self, File};
use std::hash::{DefaultHasher, Hasher};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::Plan;
use crate::problem::Problems;

/// Plans smaller than this are parsed every time.
pub const MIN_SIZE: u64 = 256 * 1024;

const MAGIC: &[u8] = b"kpi plan cache 1\n";
const CHUNK: usize = 1 << 18;

/// Where the entry for one plan file lives, and what it must match.
pub struct Entry {
    file: PathBuf,
    /// The `kpi` build: version, and the size and time of its executable.
    build: String,
    /// The plan's path as given, which the parsed plan carries.
    plan_path: String,
}

impl Entry {
    /// The entry for the plan at `path`, or `None` when the cache is off
    /// (`KPI_CACHE=off`), has no folder, or the plan is small.
    pub fn for_plan(path: &Path) -> Option<Entry> {
        if !crate::environment::cache_enabled() {
            return None;
        }
        if fs::metadata(path).ok()?.len() < MIN_SIZE {
            return None;
        }
        let plan_path = path.to_str()?.to_string();
        let canonical = fs::canonicalize(path).ok()?;
        let mut h = DefaultHasher::new();
        h.write(canonical.to_str()?.as_bytes());
        h.write_u8(0);
        h.write(plan_path.as_bytes());
        let file = folder()?.join(format!("plan-{:016x}.bin", h.finish()));
        Some(Entry {
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
        codec::decode(&payload, path)
    }

    /// Store the plan parsed from `text`; best effort, errors are ignored.
    pub fn store(&self, text: &[u8], plan: &Plan, warnings: &Problems) {
        let Some(payload) = codec::encode(plan, warnings) else {
            return;
        };
        let Some(dir) = self.file.parent() else {
            return;
        };
        if fs::create_dir_all(dir).is_err() {
            return;
        }
        // Written aside and renamed into place, so a reader never sees half an entry.
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let tmp = dir.join(format!(".tmp-{}-{nanos}", std::process::id()));
        let written = File::create(&tmp).and_then(|f| {
            let mut w = BufWriter::with_capacity(CHUNK, f);
            w.write_all(MAGIC)?;
            write_bytes(&mut w, self.build.as_bytes())?;
            write_bytes(&mut w, self.plan_path.as_bytes())?;
            write_bytes(&mut w, text)?;
            w.write_all(&checksum(&payload).to_le_bytes())?;
            write_bytes(&mut w, &payload)?;
            // No fsync: an entry cut short by a crash fails its length or
            // checksum check and is simply rebuilt.
            w.flush()
        });
        if written.and_then(|()| fs::rename(&tmp, &self.file)).is_err() {
            let _ = fs::remove_file(&tmp);
        }
    }
}

/// `$KPI_CACHE_DIR`, else `$XDG_CACHE_HOME/kpi`, else `~/.cache/kpi`.
fn folder() -> Option<PathBuf> {
    let var = |name| {
        std::env::var_os(name)
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

fn write_bytes(w: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    w.write_all(&(bytes.len() as u64).to_le_bytes())?;
    w.write_all(bytes)
}
