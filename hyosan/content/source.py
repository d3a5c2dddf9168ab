"""Where a pack's bytes come from: a folder or a ``.zip``, read through one guarded interface.

Every name a pack mentions is checked as a pack-relative path that works on every OS before it
is opened. Zip members are read in memory, by name, through a table built and validated once
(symlink entries, escapes, nested archives, encryption, duplicates refused), counting the bytes
as they decompress: declared sizes are never trusted. Nothing is ever extracted to disk.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from pathlib import Path

from .errors import Problem

MAX_ZIP_BYTES = 64_000_000  # the .zip file itself
MAX_ZIP_ENTRIES = 512
MAX_PACK_BYTES = 64_000_000  # everything read from one pack, decompressed
MAX_NAME = 200  # characters in a pack-relative path
_CHUNK = 65_536
NESTED_ARCHIVES = (".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".jar", ".pk3")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)
_BAD_CHARS = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')


def path_problem(name: str) -> tuple[str, str] | None:
    """Why ``name`` is not a safe pack-relative path, as ``(code, message)``; None if it is."""
    advice = "write a path inside the pack, with / between folders, e.g. \"audio/theme.ogg\""
    if not name:
        return "path-name", "the path is empty"
    if len(name) > MAX_NAME:
        return "path-name", f"the path is longer than {MAX_NAME} characters"
    if name.startswith(("/", "\\")):
        return "path-escape", f"{name!r} is an absolute path; {advice}"
    if re.match(r"^[A-Za-z]:", name):
        return "path-escape", f"{name!r} starts with a drive letter; {advice}"
    if name.startswith("~"):
        return "path-escape", f"{name!r} points into a home folder; {advice}"
    if "\\" in name:
        return "path-name", f"{name!r} uses a backslash; {advice}"
    parts = name.split("/")
    if ".." in parts:
        return "path-escape", f"{name!r} climbs out of the pack with '..'; {advice}"
    for part in parts:
        if part in ("", "."):
            return "path-name", f"{name!r} has an empty or '.' folder name; {advice}"
        if _BAD_CHARS.search(part):
            return "path-name", f"{name!r}: the name {part!r} has a character Windows refuses (<>:\"|?* or a control character)"
        if _WINDOWS_RESERVED.match(part):
            return "path-name", f"{name!r}: {part!r} is a reserved device name on Windows; rename it"
        if part.endswith((".", " ")):
            return "path-name", f"{name!r}: {part!r} ends with a dot or space, which Windows drops"
    return None


class PackSource:
    """A pack's files by pack-relative name; every read is bounded and never raises."""

    label: str  # the folder or .zip as the designer typed it

    def display(self, name: str) -> str:
        """How a member is named in messages."""
        raise NotImplementedError

    def exists(self, name: str) -> bool:
        """Whether the pack has a file with this (already checked) name."""
        raise NotImplementedError

    def read(self, name: str, limit: int, problems: list[Problem]) -> bytes | None:
        """The member's bytes, or None with a problem recorded (too large, unreadable...)."""
        raise NotImplementedError

    def toml_names(self) -> list[str]:
        """The ``.toml`` files at the pack's top, sorted (for "did you mean" on a listed level)."""
        raise NotImplementedError


class FolderSource(PackSource):
    """A pack folder on disk; symlinks are followed only while they stay inside it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.label = str(root)
        self._real_root = root.resolve()

    def display(self, name: str) -> str:
        """``folder/name``."""
        return str(self.root / name)

    def exists(self, name: str) -> bool:
        """Whether the file is there (an escaping symlink still counts: read() refuses it)."""
        return (self.root / name).is_file() or (self.root / name).is_symlink()

    def toml_names(self) -> list[str]:
        """The ``.toml`` files in the folder (at most 1000 looked at: a hint, not a listing)."""
        try:
            names = [p.name for _, p in zip(range(1000), self.root.iterdir(), strict=False) if p.suffix == ".toml"]
        except OSError:
            return []
        return sorted(names)

    def read(self, name: str, limit: int, problems: list[Problem]) -> bytes | None:
        """Read with the size checked first and the real path checked to be inside the pack."""
        path = self.root / name
        shown = self.display(name)
        try:
            real = path.resolve()
            if not real.is_relative_to(self._real_root):
                problems.append(Problem("symlink-escape", shown,
                                        f"{name} is a link to {real}, outside the pack; copy the file into the pack instead"))
                return None
            size = path.stat().st_size
            if size > limit:
                problems.append(Problem("too-large", shown, f"file is {size} bytes; the limit is {limit}"))
                return None
            with path.open("rb") as handle:
                data = handle.read(limit + 1)
        except (OSError, RuntimeError, ValueError) as exc:
            problems.append(Problem("unreadable", shown, f"cannot read the file: {getattr(exc, 'strerror', None) or exc}"))
            return None
        if len(data) > limit:  # it grew while we looked
            problems.append(Problem("too-large", shown, f"file is larger than the limit of {limit} bytes"))
            return None
        return data


class ZipSource(PackSource):
    """A ``.zip`` pack, holding the pack at its top or inside one top folder."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.label = str(path)
        self.ok = False
        self._members: dict[str, zipfile.ZipInfo] = {}
        self._prefix = ""
        self._budget = MAX_PACK_BYTES
        self._zip: zipfile.ZipFile | None = None
        self._open(problems)

    def _problem(self, problems: list[Problem], code: str, message: str, member: str = "") -> None:
        problems.append(Problem(code, f"{self.label}!/{member}" if member else self.label, message))

    def _open(self, problems: list[Problem]) -> None:
        try:
            size = self.path.stat().st_size
        except OSError as exc:
            self._problem(problems, "unreadable", f"cannot read the archive: {exc.strerror or exc}")
            return
        if size > MAX_ZIP_BYTES:
            self._problem(problems, "too-large", f"archive is {size} bytes; the limit is {MAX_ZIP_BYTES}")
            return
        try:
            zf = zipfile.ZipFile(self.path)  # reads only the central directory, bounded by size
            infos = zf.infolist()
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
            self._problem(problems, "zip-corrupt", f"not a readable .zip archive ({exc})")
            return
        if len(infos) > MAX_ZIP_ENTRIES:
            self._problem(problems, "zip-too-many", f"archive has {len(infos)} entries; the limit is {MAX_ZIP_ENTRIES}")
            zf.close()
            return
        start = len(problems)
        folded: dict[str, str] = {}
        for info in sorted(infos, key=lambda i: i.filename):  # canonical order, not archive order
            name = info.filename
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                self._problem(problems, "zip-symlink", "symbolic-link entries are not allowed in packs; store the file itself", name)
                continue
            if name.endswith("/"):
                continue  # a folder entry
            bad = path_problem(name)
            if bad is not None:
                code = "zip-escape" if bad[0] == "path-escape" else bad[0]
                self._problem(problems, code, bad[1], name)
                continue
            if name.lower().endswith(NESTED_ARCHIVES):
                self._problem(problems, "zip-nested", "archives inside the pack archive are not allowed; unpack it into the pack", name)
                continue
            if info.flag_bits & 0x1:
                self._problem(problems, "zip-encrypted", "encrypted entries are not allowed", name)
                continue
            key = name.lower()
            if key in folded:
                self._problem(problems, "zip-duplicate",
                              f"two entries differ only by letter case or repeat ({folded[key]!r}); that breaks on Windows and macOS", name)
                continue
            folded[key] = name
            self._members[name] = info
        if len(problems) > start:
            zf.close()
            return
        if "pack.toml" not in self._members:
            tops = {n.split("/", 1)[0] for n in self._members}
            if len(tops) == 1 and f"{next(iter(tops))}/pack.toml" in self._members:
                self._prefix = next(iter(tops)) + "/"
            else:
                self._problem(problems, "not-a-pack", "the archive has no pack.toml at its top or inside one top folder"
                              + self._found_deeper(tops))
                zf.close()
                return
        self._zip = zf
        self.ok = True

    def _found_deeper(self, tops: set[str]) -> str:
        """Where the archive's pack.toml is when it is not where a pack's is: a designer zipped
        the folder holding the pack folder, and read only "no pack.toml"."""
        found = sorted((n for n in self._members if n.rsplit("/", 1)[-1].lower() == "pack.toml"),
                       key=lambda n: (n.count("/"), n))
        if not found:
            return ""
        where = found[0]
        folder = where.rsplit("/", 1)[0] if "/" in where else ""
        if not where.endswith("pack.toml"):
            return f"; it has {where}: name it pack.toml, in lowercase"
        if where.count("/") >= 2:
            return (f"; it has {where}, a folder too deep: zip the folder '{folder.rsplit('/', 1)[-1]}' itself "
                    "(or the files in it), so that pack.toml is at the archive's top or one folder down")
        if folder:
            others = sorted(tops - {folder})
            shown = ", ".join(others[:4]) + (" and more" if len(others) > 4 else "")
            return (f"; it has {where}, but the top of the archive holds {shown} besides '{folder}': zip the pack "
                    "folder alone")
        return ""

    def close(self) -> None:
        """Close the archive."""
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    def display(self, name: str) -> str:
        """``pack.zip!/name``."""
        return f"{self.label}!/{self._prefix}{name}"

    def exists(self, name: str) -> bool:
        """Whether the archive has this member."""
        return (self._prefix + name) in self._members

    def toml_names(self) -> list[str]:
        """The ``.toml`` members at the pack's top."""
        top = (m[len(self._prefix):] for m in self._members if m.startswith(self._prefix))
        return sorted(n for n in top if n.endswith(".toml") and "/" not in n)

    def read(self, name: str, limit: int, problems: list[Problem]) -> bytes | None:
        """Decompress in chunks, stopping as soon as the member or the pack passes its budget."""
        info = self._members.get(self._prefix + name)
        shown = self.display(name)
        if info is None or self._zip is None:
            problems.append(Problem("missing-file", shown, f"{name} is not in the archive"))
            return None
        cap = min(limit, self._budget)
        out = bytearray()
        try:
            with self._zip.open(info) as member:
                while True:
                    chunk = member.read(min(_CHUNK, cap + 1 - len(out)))
                    if not chunk:
                        break
                    out += chunk
                    if len(out) > cap:
                        which = "this file's limit" if cap == limit else "the pack's total"
                        problems.append(Problem("zip-bomb", shown,
                                                f"decompresses past {cap} bytes ({which}); the entry declared {info.file_size}"))
                        return None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
            problems.append(Problem("zip-corrupt", shown, f"cannot decompress this entry ({exc})"))
            return None
        self._budget -= len(out)
        return bytes(out)

