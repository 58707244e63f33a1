"""Estimate whole rosters: stream records in, one output record per input record, in order.

The arithmetic is calculate()'s own (level_for, applied_factors, band_amounts, whole_dollars);
what batch adds is caching of the lookups that repeat from row to row (a state spelling, a
factor combination), bounded so memory stays flat whatever the input size. The hot loop builds
tuples, not objects: a million rows must take seconds, not minutes.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TextIO

from hitsalary.core.calculate import applied_factors, band_percentiles, base_amounts
from hitsalary.core.decisions import PLAUSIBLE, parse_money, place
from hitsalary.core.errors import OutputError, UsageProblem, shown
from hitsalary.core.levels import LevelTable, assess, wage_levels
from hitsalary.core.models import Profile, ReferenceData, Role
from hitsalary.core.profile import PROFILE_FIELDS, Vocabulary, choose, parse_exp, place_metro
from hitsalary.output.batch_writers import ERROR_COLUMNS, RESULT_COLUMNS, Values, Writer, encode_json

AMOUNT_FIELDS = ("offer", "salary")
OLD_NAMES = {"specialization": "role"}  # an input column under its older name
FIELDS = (*PROFILE_FIELDS, "metro")  # the profile columns of a roster, in output order
KNOWN = ("id", "exp", *FIELDS, *OLD_NAMES, *AMOUNT_FIELDS)
LEVEL_SUFFIXES = ("_level", "_below_level_i")  # with --levels: the level met, dollars short of Level I
CACHE_LIMIT = 50_000  # entries per cache; cleared when full, so memory stays flat
FORMATS = ("csv", "jsonl")
READ_ERROR = "\x00read error"  # the key under which a reader passes on a record it could not parse


class RowError(Exception):
    """One input record cannot be estimated; the run goes on."""

    def __init__(self, field: str, value: Any, message: str) -> None:
        super().__init__(message)
        self.field, self.value, self.message = field, value, message


@dataclass
class Layout:
    """The output columns: results, the amounts present in the input, the passed-through columns."""

    passthrough: list[str]
    amounts: list[str]  # offer and/or salary, when the input has the column
    fields: tuple[str, ...] = FIELDS  # the input column of each profile field
    levels: bool = False  # add the prevailing-wage level each amount meets
    renamed: list[tuple[str, str]] = field(init=False)

    def __post_init__(self) -> None:
        self.renamed = [(column, self.output_name(column)) for column in self.passthrough]

    @classmethod
    def from_header(cls, header: list[str], *, levels: bool = False) -> Layout:
        if "exp" not in header:
            raise UsageProblem(f"the input has no 'exp' column (columns: {', '.join(header) or 'none'})")
        return cls(
            [h for h in header if h not in KNOWN],
            [a for a in AMOUNT_FIELDS if a in header],
            cls.profile_columns(header),
            levels,
        )

    @staticmethod
    def profile_columns(header: list[str]) -> tuple[str, ...]:
        """The input column each profile field is read from (role may come as specialization)."""
        old = {new: old for old, new in OLD_NAMES.items()}
        return tuple(old[f] if f in old and f not in header and old[f] in header else f for f in FIELDS)

    def amount_columns(self) -> list[str]:
        suffixes = ("", "_position", "_percent_through", *(LEVEL_SUFFIXES if self.levels else ()))
        return [f"{a}{suffix}" for a in self.amounts for suffix in suffixes]

    def output_name(self, column: str) -> str:
        """A passed-through column keeps its name unless a result column already has it."""
        suffixes = ("_position", "_percent_through", *LEVEL_SUFFIXES)
        taken = (*RESULT_COLUMNS, *ERROR_COLUMNS, *(f"{a}{s}" for a in AMOUNT_FIELDS for s in suffixes))
        return f"input_{column}" if column in taken else column

    def columns(self) -> list[str]:
        """The columns of an estimated record, in order."""
        return [*RESULT_COLUMNS, *self.amount_columns(), *(name for _, name in self.renamed)]


class Estimator:
    """Turns one input record into one output record with the shared calculation."""

    def __init__(self, data: ReferenceData) -> None:
        self.data = data
        self.years: dict[str, float] = {}  # raw exp text -> years
        self.bases: dict[
            tuple[float, str], tuple[float, float, float, float]
        ] = {}  # years, role -> point, base
        self.profiles: dict[
            tuple[Any, ...], tuple[tuple[str, ...], float, Role]
        ] = {}  # raw spellings -> keys
        self.vocabularies = {name: Vocabulary.of(data, name) for name in PROFILE_FIELDS}
        self.unit = data.method.rounding_unit
        self.implausible = 0  # amounts outside PLAUSIBLE, reported once at the end
        self.chosen: dict[tuple[str, Any], str] = {}  # (column, raw spelling) -> key
        self.multipliers: dict[tuple[str | None, ...], float] = {}  # keys -> the factors' product
        self.levels: dict[tuple[str, str | None, str | None], LevelTable] = {}
        self.amounts: dict[tuple[str, str], int] = {}  # (column, raw text) -> dollars

    def choice(self, name: str, raw: Any) -> str:
        """The key a roster cell names (cached per column and spelling)."""
        try:
            found = self.chosen.get((name, raw))
        except TypeError:  # a JSON list or object: resolved below, as an error
            found = None
        if found is None:
            found = self.choose(name, raw)
            bounded(self.chosen)[(name, raw)] = found
        return found

    def choose(self, name: str, raw: Any) -> str:
        vocabulary = self.vocabularies[name]
        if raw is None or (isinstance(raw, str) and not raw.strip()):  # a blank cell: the default
            return vocabulary.neutral
        if not isinstance(raw, str):
            raise RowError(name, raw, f"invalid value for {name}: expected text, got {raw!r}")
        try:
            return choose(vocabulary, raw, flag=name)
        except UsageProblem as exc:
            raise RowError(name, raw, str(exc)) from None

    def exp(self, raw: Any) -> float:
        cached = self.years.get(raw) if isinstance(raw, str) else None
        if cached is not None:
            return cached
        if raw is None or raw == "":
            raise RowError("exp", raw, "missing exp (years of experience)")
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise RowError("exp", raw, f"invalid value for exp: {raw!r} is not a number of years")
        try:
            years = parse_exp(raw, flag="exp")
        except UsageProblem as exc:
            raise RowError("exp", raw, str(exc)) from None
        if isinstance(raw, str):
            bounded(self.years)[raw] = years
        return years

    def base(self, years: float, role: Role) -> tuple[float, float, float, float]:
        """The point's percentile and the role's national wages at the band, before factors."""
        found = self.bases.get((years, role.key))
        if found is None:
            wages = self.data.national[role.soc]
            where = band_percentiles(self.data.method, wages, years)
            found = (round(where.point, 2), *base_amounts(wages, where))
            bounded(self.bases)[(years, role.key)] = found
        return found

    def profile(self, raw: tuple[Any, ...]) -> tuple[tuple[str | None, ...], float, Role]:
        """The keys, the multiplier and the role for the raw spellings of a record."""
        try:
            cached = self.profiles.get(raw)
        except TypeError:  # a JSON list or object where text belongs: resolved below, as an error
            cached = None
        if cached is not None:
            return cached
        chosen = [self.choice(name, value) for name, value in zip(PROFILE_FIELDS, raw[:-1], strict=True)]
        profile = Profile(0.0, *chosen)
        if raw[-1] is not None and not (isinstance(raw[-1], str) and not raw[-1].strip()):
            profile = self.metro(profile, raw[-1], raw[0])
        keys = (profile.state, *chosen[1:], profile.metro)
        multiplier = self.multipliers.get(keys)
        if multiplier is None:  # many spellings name one profile: the product is cached by its keys
            applied = applied_factors(profile, self.data)
            multiplier = bounded(self.multipliers)[keys] = math.prod(a.value.multiplier for a in applied)
        found = (keys, multiplier, self.data.roles[profile.role])
        with suppress(TypeError):
            bounded(self.profiles)[raw] = found
        return found

    def metro(self, profile: Profile, raw: Any, raw_state: Any) -> Profile:
        """The profile in a metro area; the state column, when filled, must contain it."""
        if not isinstance(raw, str):
            raise RowError("metro", raw, f"invalid value for metro: expected text, got {raw!r}")
        state = profile.state if raw_state not in (None, "") else None
        try:
            placed = place_metro(self.data, raw, state, flag="metro")
        except UsageProblem as exc:
            raise RowError("metro", raw, str(exc)) from None
        return Profile(
            profile.exp,
            placed["state"] or profile.state,
            profile.education,
            profile.employer,
            profile.role,
            placed["metro"],
        )

    def level_table(self, keys: tuple[str | None, ...], role: Role) -> LevelTable:
        """The prevailing-wage levels for the record's role and area (state, metro)."""
        where = (role.key, keys[0], keys[-1])
        found = self.levels.get(where)
        if found is None:
            profile = Profile(0.0, keys[0] or "US", role=role.key, metro=keys[-1])
            found = bounded(self.levels)[where] = wage_levels(self.data, profile)
        return found

    def amount(self, name: str, raw: Any) -> int:
        key = (name, raw if isinstance(raw, str) else repr(raw))
        cached = self.amounts.get(key)
        if cached is None:
            try:
                cached = parse_money(str(raw), flag=name, hours_per_year=self.data.method.hours_per_year)
            except UsageProblem as exc:
                raise RowError(name, raw, str(exc)) from None
            bounded(self.amounts)[key] = cached
        return cached

    def estimate(self, row: int, record: dict[str, Any], layout: Layout) -> Values:
        """One record's values, in the order of layout.columns(). The hot loop of a batch: cached
        lookups are tried inline before the methods that fill the caches are called."""
        get = record.get
        raw_exp = get("exp")
        exp = self.years.get(raw_exp) if type(raw_exp) is str else None
        if exp is None:
            exp = self.exp(raw_exp)
        keys, multiplier, role = self.profile(tuple(map(get, layout.fields)))
        point, low_base, mid_base, high_base = self.bases.get((exp, role.key)) or self.base(exp, role)
        unit = self.unit
        # round_money inlined (amounts are positive): half up to the unit, as calculate() rounds
        low, mid, high = (
            low_base * multiplier / unit,
            mid_base * multiplier / unit,
            high_base * multiplier / unit,
        )
        low = (int(low) + (low - int(low) >= 0.5)) * unit
        mid = (int(mid) + (mid - int(mid) >= 0.5)) * unit
        high = (int(high) + (high - int(high) >= 0.5)) * unit
        values: list[Any] = [row, get("id"), exp, *keys, role.soc, point, low, mid, high]
        for name in layout.amounts:
            raw = get(name)
            if raw is None or raw == "":
                values += (None,) * (5 if layout.levels else 3)
                continue
            amount = self.amount(name, raw)
            if not PLAUSIBLE[0] <= amount <= PLAUSIBLE[1]:
                self.implausible += 1
            values += (amount, *place(amount, low, high)[:2])
            if layout.levels:
                check = assess(self.level_table(keys, role), amount)
                values += (check.highest_level_met, check.shortfall)
        values += map(get, layout.passthrough)
        return tuple(values)


def bounded(cache: dict[Any, Any]) -> dict[Any, Any]:
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    return cache


ERROR_VALUE_LIMIT = 200  # characters of a bad value an error record repeats


def error_record(
    row: int, record: dict[str, Any], exc: RowError, layout: Layout | None = None
) -> dict[str, Any]:
    """The error record of a row: its position, id and passed-through columns, the field, the bad
    value once (cut short when long), and the message."""
    out: dict[str, Any] = {"row": row, "id": short_value(record.get("id"))}
    if layout is not None:
        out.update((name, short_value(record.get(column))) for column, name in layout.renamed)
    out.update(error_field=exc.field, error_value=short_value(exc.value), error=exc.message)
    return out


def short_value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, float)):
        return value if not isinstance(value, float) or math.isfinite(value) else str(value)
    text = value if isinstance(value, str) else str(value) if isinstance(value, int) else None
    if text is None:
        text = encode_json(value)
    elif len(text) <= ERROR_VALUE_LIMIT:
        return value
    return text if len(text) <= ERROR_VALUE_LIMIT else text[:ERROR_VALUE_LIMIT] + "..."


# --- input -------------------------------------------------------------------------------


def text_stream(binary: IO[bytes]) -> TextIO:
    """UTF-8 with or without a BOM; bytes that are not UTF-8 become U+FFFD, never a crash."""
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")


def clean_header(names: list[str]) -> list[str]:
    return [name.strip().lower().lstrip("-") for name in names]


FIELD_LIMIT = 131_072  # the csv module's default limit: a longer field makes its row an error
READ_LIMIT = 16 * 1024 * 1024  # what the reader accepts at all; beyond it the row is skipped


def read_csv(stream: TextIO) -> tuple[list[str], Iterator[dict[str, Any]]]:
    csv.field_size_limit(READ_LIMIT)
    reader = csv.reader(stream)
    header = clean_header(next(reader, []))
    check_header(header)
    width = len(header)

    def records() -> Iterator[dict[str, Any]]:
        while True:  # the inner loop runs at the csv module's speed until a row it cannot read
            try:
                for fields in reader:
                    if not fields or fields == [""]:
                        continue  # a blank line is not a record
                    record: dict[str, Any] = dict(zip(header, fields, strict=False))
                    # fast path: the right width and, all fields together, within one field's limit
                    if len(fields) != width or sum(map(len, fields)) > FIELD_LIMIT:
                        problem = row_problem(fields, width)
                        if problem is not None:
                            record[READ_ERROR] = problem
                    yield record
                return
            except csv.Error as exc:  # a field beyond READ_LIMIT, a NUL byte ...
                yield {READ_ERROR: RowError("(row)", None, f"not readable as CSV: {exc}")}

    return header, records()


def row_problem(fields: list[str], width: int) -> RowError | None:
    extra = fields[width:]
    if len(fields) < width or any(value.strip() for value in extra):
        return RowError("(row)", len(fields), f"{len(fields)} fields, the header has {width}")
    for value in fields:
        if len(value) > FIELD_LIMIT:
            return RowError("(row)", value, f"a field of {len(value):,} characters (at most {FIELD_LIMIT:,})")
    return None


def check_header(header: list[str]) -> None:
    """A column named twice would leave only its last value: refused."""
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise UsageProblem(f"the input's header names the column {shown(name)} twice")
        seen.add(name)


class JsonRecords:
    """The records of a JSON Lines input; keys that the first record lacks (and so have no
    output column) are collected in `unknown`, for the run to report."""

    def __init__(self, first: dict[str, Any] | None, lines: Iterator[str], header: list[str]) -> None:
        self.first, self.lines, self.known = first, lines, set(header)
        self.unknown: set[str] = set()
        self.records = self.generate()

    def __iter__(self) -> JsonRecords:
        return self

    def __next__(self) -> dict[str, Any]:
        return next(self.records)

    def generate(self) -> Iterator[dict[str, Any]]:
        if self.first is not None:
            yield self.first
        known, unknown = self.known, self.unknown
        for line in self.lines:
            record = parse_json_line(line)
            if not known.issuperset(record) and READ_ERROR not in record:
                unknown.update(key for key in record if key not in known)
            yield record


def read_jsonl(stream: TextIO) -> tuple[list[str], Iterator[dict[str, Any]]]:
    lines = (line for line in stream if line.strip())
    first = next(lines, None)
    parsed = parse_json_line(first) if first is not None else {}
    header = [k for k in parsed if k != READ_ERROR]
    if "exp" not in header:
        header.append("exp")  # every JSON line is checked on its own; exp is always asked for
    known = [*header, *(key for key in KNOWN if key not in AMOUNT_FIELDS)]  # a later offer is named
    return header, JsonRecords(parsed if first is not None else None, lines, known)


def not_json(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:40]} is too large a number")
    return value


def parse_json_line(line: str) -> dict[str, Any]:
    try:
        value = json.loads(line, parse_constant=not_json, parse_float=finite_float)
    except json.JSONDecodeError as exc:
        return {READ_ERROR: RowError("(line)", line.strip()[:80], f"not valid JSON: {exc.msg}")}
    except (ValueError, RecursionError) as exc:  # NaN, 1e400, a number too long, deep nesting
        return {READ_ERROR: RowError("(line)", line.strip()[:80], f"not valid JSON: {exc}")}
    if not isinstance(value, dict):
        return {READ_ERROR: RowError("(line)", line.strip()[:80], "a JSON Lines record must be an object")}
    record = {str(k).strip().lower().lstrip("-"): v for k, v in value.items()}
    for old, new in OLD_NAMES.items():  # the older name of a column, record by record
        if old in record and new not in record:
            record[new] = record.pop(old)
    return record


def sniff_format(binary: IO[bytes]) -> tuple[str, IO[bytes]]:
    """Guess the format of stdin without consuming it: a first '{' means JSON Lines."""
    buffered = binary if isinstance(binary, io.BufferedReader) else io.BufferedReader(binary)  # type: ignore[type-var]  # any readable binary stream works
    head = buffered.peek(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return ("jsonl" if head.startswith(b"{") else "csv"), buffered


def format_for(path: str, given: str | None, *, flag: str = "--format") -> str | None:
    if given is not None:
        if given.strip().lower() not in FORMATS:
            raise UsageProblem(f"invalid value for {flag}: {shown(given)} (choose from {', '.join(FORMATS)})")
        return given.strip().lower()
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    return None


@contextmanager
def atomic_output(path: Path) -> Iterator[TextIO]:
    """Write to a temporary file beside path and rename it over path only when all went well.

    A path that is not a regular file (a device such as /dev/null, a FIFO, /dev/stdout) is written
    into, never replaced. Through a symlink, the file the link points to is replaced and the link
    kept. The temporary file's name carries this process's id, so a later run can remove what a
    run killed with SIGKILL left behind."""
    if path.is_dir():
        raise UsageProblem(f"invalid value for --output: {shown(str(path))} is a folder")
    if not writes_by_rename(path):
        with write_into(path) as handle:
            yield handle
        return
    target = Path(os.path.realpath(path))
    remove_stale_parts(target)
    try:
        fd, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent
        )
    except OSError as exc:
        message = f"cannot write in {shown(str(path.parent))}: {exc.strerror}"
        raise UsageProblem(f"invalid value for --output: {message}") from None
    try:
        with terminate_as_exception(), os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            os.chmod(temporary, file_mode(target))
            os.replace(temporary, target)
    except OSError as exc:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise OutputError(f"cannot write {shown(str(path))}: {exc.strerror or exc}") from None
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def writes_by_rename(path: Path) -> bool:
    """Whether the output is (or will be) a regular file, written by rename; anything else that
    exists (a device, a FIFO, a terminal, whatever /dev/stdout leads to) is written into."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and not os.path.abspath(path).startswith(("/dev/", "/proc/"))


def file_mode(path: Path) -> int:
    """Keep an existing file's mode; a new file gets the usual mode under the umask."""
    with suppress(FileNotFoundError):
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def write_into(path: Path) -> Iterator[TextIO]:
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            yield handle
    except OSError as exc:
        raise OutputError(f"cannot write {shown(str(path))}: {exc.strerror or exc}") from None


PART_NAME = r"\.{name}\.(\d+)\.[A-Za-z0-9_]+\.part"


def remove_stale_parts(target: Path) -> None:
    """Remove the temporary files of earlier runs for this output whose process is gone (a run
    killed with SIGKILL cannot clean up after itself). Only files of this user, named exactly as
    atomic_output names them, are touched."""
    pattern = re.compile(PART_NAME.format(name=re.escape(target.name)))
    with suppress(OSError):
        for entry in os.scandir(target.parent):
            found = pattern.fullmatch(entry.name)
            if found is None or not entry.is_file(follow_symlinks=False):
                continue
            if entry.stat(follow_symlinks=False).st_uid == os.getuid() and not alive(int(found[1])):
                with suppress(OSError):
                    os.unlink(entry.path)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # exists but is not ours, or cannot be asked: leave its file alone
    return True


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C, so that temporary files are removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def terminate_as_exception() -> Iterator[None]:
    """While a temporary file exists, SIGTERM and SIGHUP unwind the stack (and so remove it)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_terminated(signum: int, _frame: Any) -> None:
        raise Terminated(signum)

    previous = {sig: signal.signal(sig, raise_terminated) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def check_output_path(text: str, input_path: str) -> None:
    """Refuse an output that names a missing folder, or that is the input file itself."""
    if text.endswith(("/", os.sep)) and not os.path.isdir(text):
        raise UsageProblem(f"invalid value for --output: {shown(text)}: no such folder")
    if input_path == "-":
        return
    try:
        same = os.path.samefile(text, input_path)
    except OSError:
        return
    if same:
        raise UsageProblem(f"invalid value for --output: {shown(text)} is the input file")


# --- the run -----------------------------------------------------------------------------


@dataclass
class Summary:
    estimated: int = 0
    rejected: int = 0
    implausible: int = 0  # amounts used, but outside any plausible annual salary

    def line(self) -> str:
        return f"{self.estimated:,} estimated, {self.rejected:,} rejected"

    def warning(self) -> str | None:
        """As estimate --offer warns for one amount, one line for a roster's implausible ones."""
        if not self.implausible:
            return None
        low, high = PLAUSIBLE
        return (
            f"warning: {self.implausible:,} offer or salary amounts are outside any plausible annual "
            f"salary (${low:,} to ${high:,}); an hourly rate needs '/hr' (e.g. 45/hr)"
        )


def run(
    records: Iterator[dict[str, Any]],
    layout: Layout,
    writer: Writer,
    data: ReferenceData,
    *,
    tick: Callable[[int], None] | None = None,
) -> Summary:
    """One output record per input record, in input order; a bad record becomes an error record."""
    estimator = Estimator(data)
    estimate, write = estimator.estimate, writer.write
    summary = Summary()
    row = 0
    try:
        for row, record in enumerate(records, start=1):
            try:
                if READ_ERROR in record:  # the reader could not take it apart: its own error
                    raise record[READ_ERROR]
                write(estimate(row, record, layout))
            except RowError as exc:
                writer.write_error(error_record(row, record, exc, layout))
                summary.rejected += 1
            if tick is not None and not row % 4096:
                tick(row)
    finally:
        writer.flush()  # what was estimated before an error or Ctrl-C is not lost
    summary.estimated = row - summary.rejected
    summary.implausible = estimator.implausible
    return summary


@contextmanager
def open_input(path: str, given: str | None, stdin: IO[bytes]) -> Iterator[tuple[str, TextIO, IO[bytes]]]:
    """The input as text, its format, and its binary stream (for progress by bytes read)."""
    fmt = format_for(path, given, flag="--input-format")
    if path == "-":
        binary: IO[bytes] = stdin
    else:
        try:
            binary = open(path, "rb")  # noqa: SIM115 - closed below, after the whole run
        except FileNotFoundError:
            raise UsageProblem(f"invalid value for INPUT: {path!r}: no such file") from None
        except IsADirectoryError:
            raise UsageProblem(f"invalid value for INPUT: {path!r} is a folder") from None
        except OSError as exc:
            raise UsageProblem(f"invalid value for INPUT: {path!r}: {exc.strerror}") from None
    try:
        if fmt is None:
            fmt, binary = sniff_format(binary)
        yield fmt, text_stream(binary), binary
    finally:
        if path != "-":
            binary.close()
