"""Pack kpi's release archives (called by dist/build; docs/install.md).

The same inputs give the same bytes: entries sorted, every timestamp
SOURCE_DATE_EPOCH, owner 0, modes 0644 (0755 for the binaries and
folders), gzip without a name or time. Zip names are flagged UTF-8
(bit 11) by zipfile itself for any non-ASCII name (使い方.txt).
"""

import argparse
import gzip
import io
import os
import subprocess
import tarfile
import time
import zipfile

# The documents both archives carry, as the commit has them.
DOCUMENTS = ["README.md", "LICENSE-MIT", "LICENSE-APACHE", "docs", "data/asaka"]


def tracked(paths):
    """The files under `paths` that git tracks, sorted (a clean checkout's);
    outside a git checkout (a source tarball), every file under them."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--", *paths], check=True, capture_output=True
        ).stdout
        return sorted(p for p in out.decode("utf-8").split("\0") if p)
    except (OSError, subprocess.CalledProcessError):
        files = []
        for path in paths:
            if os.path.isfile(path):
                files.append(path)
            for folder, _, names in os.walk(path):
                files.extend(os.path.join(folder, n).replace(os.sep, "/") for n in names)
        return sorted(files)


def quick_start(path):
    """使い方.txt as Notepad wants it: UTF-8 with a BOM, CRLF line ends."""
    with open(path, encoding="utf-8") as f:
        text = f.read().replace("\r\n", "\n")
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


def entries(args, target, binary, windows):
    """(name in the archive, bytes, executable) for one archive, sorted."""
    files = []
    name = "kpi.exe" if windows else "kpi"
    with open(binary, "rb") as f:
        files.append((name, f.read(), True))
    for path in tracked(DOCUMENTS):
        with open(path, "rb") as f:
            files.append((path, f.read(), False))
    gen = args.generated
    if windows:
        completions = ["kpi.ps1"]
        here = os.path.dirname(os.path.abspath(__file__))
        files.append(("使い方.txt", quick_start(os.path.join(here, "使い方.txt")), False))
    else:
        completions = ["kpi.bash", "_kpi", "kpi.fish"]
        with open(os.path.join(gen, "kpi.1"), "rb") as f:
            files.append(("kpi.1", f.read(), False))
    for c in completions:
        with open(os.path.join(gen, "completions", c), "rb") as f:
            files.append(("completions/" + c, f.read(), False))
    top = f"kpi-{args.version}-{target}"
    return top, sorted((f"{top}/{n}", b, x) for n, b, x in files)


def folders(names):
    """Every folder above `names`, each once, sorted."""
    out = set()
    for n in names:
        parts = n.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            out.add("/".join(parts[:i]) + "/")
    return sorted(out)


def write_zip(path, files, epoch):
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot date before 1980
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        names = [n for n, _, _ in files]
        items = [(d, None, True) for d in folders(names)] + files
        for name, data, executable in sorted(items, key=lambda i: i[0]):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # Unix, so that the modes below are read
            if data is None:
                info.external_attr = (0o40755 << 16) | 0x10
                z.writestr(info, b"")
            else:
                mode = 0o100755 if executable else 0o100644
                info.external_attr = mode << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data)


def write_tar_gz(path, files, epoch):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        names = [n for n, _, _ in files]
        items = [(d.rstrip("/"), None, True) for d in folders(names)] + files
        for name, data, executable in sorted(items, key=lambda i: i[0]):
            info = tarfile.TarInfo(name)
            info.mtime = epoch
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if data is None:
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
            else:
                info.mode = 0o755 if executable else 0o644
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    with open(path, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as gz:
            gz.write(raw.getvalue())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--version", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--generated", required=True)
    p.add_argument("--windows", nargs=2, metavar=("TARGET", "BINARY"), required=True)
    p.add_argument("--linux", nargs=2, metavar=("TARGET", "BINARY"), required=True)
    args = p.parse_args()
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))

    target, binary = args.windows
    top, files = entries(args, target, binary, windows=True)
    write_zip(os.path.join(args.out, top + ".zip"), files, epoch)
    print(f"   {top}.zip: {len(files)} files")

    target, binary = args.linux
    top, files = entries(args, target, binary, windows=False)
    write_tar_gz(os.path.join(args.out, top + ".tar.gz"), files, epoch)
    print(f"   {top}.tar.gz: {len(files)} files")


if __name__ == "__main__":
    main()
