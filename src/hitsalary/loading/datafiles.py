"""The YAML side of the data files: safe parsing, and the file and line behind a key path.

This is the only module that imports yaml. A run that finds the validated data in the cache
(see reference.py) never loads it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from importlib import resources
from pathlib import Path as FilePath
from typing import Any

import yaml

from hitsalary.core.errors import DataError, shown
from hitsalary.loading.schema import Path
from hitsalary.loading.yamlcore import CoreLoader as Loader

Raw = dict[str, Any]

MAX_FILE_BYTES = 16 * 1024 * 1024  # a data file is text a person edits: far below this
MAX_VALUES = 200_000  # values in a file once its aliases are expanded (the shipped data has ~3,000)
MAX_DEPTH = 64  # levels of nesting (the shipped data needs 6)
MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"
PLAIN_KEY_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool")


@dataclass
class Document:
    """A parsed YAML file: its data, and its node tree for line numbers."""

    name: str
    data: Any
    root: yaml.Node | None


def parse(text: str, name: str) -> Document:
    """Parse YAML safely: tags such as !!python/object are refused, never run."""
    loader = Loader(text)
    root = None
    try:
        root = loader.get_single_node()
        if root is not None:
            check_shape(root, name)
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # an error at the end of the input is on its last line, not the one after it
        line = f"{min(mark.line + 1, max(1, len(text.splitlines())))}:" if mark else ""
        problem = " ".join(str(exc.problem or exc.context or exc).split())
        if "constructor for the tag" in problem:
            problem += " (hitsalary reads plain YAML only; such tags are refused, never run)"
        where = path_to(root, mark) if root is not None and mark is not None else None
        key = f" {dotted(where)}:" if where else ""
        raise DataError(f"{name}:{line}{key} {problem}") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{name}: not valid YAML: {shown(str(exc), 200)}") from None
    except RecursionError:
        raise DataError(f"{name}: nested too deeply (more than {MAX_DEPTH} levels)") from None
    finally:
        loader.dispose()
    return Document(name, data, root)


def check_shape(root: yaml.Node, name: str) -> None:
    """Refuse, before anything is built from it, a document whose aliases expand beyond
    MAX_VALUES values (a few hundred bytes can otherwise stand for gigabytes), that nests deeper
    than MAX_DEPTH, that refers to itself, or that repeats a key in one mapping (YAML would let
    the last one silently win)."""
    sizes: dict[int, int | None] = {}

    def size(node: yaml.Node, depth: int, path: Path) -> int:
        known = sizes.get(id(node), 0)
        if known is None:
            raise DataError(f"{name}:{node.start_mark.line + 1}: {dotted(path)}: an alias refers to itself")
        if known:
            return known
        if depth > MAX_DEPTH:
            message = f"nested too deeply (more than {MAX_DEPTH} levels)"
            raise DataError(f"{name}:{node.start_mark.line + 1}: {dotted(path)}: {message}")
        sizes[id(node)] = None
        total = 1
        if isinstance(node, yaml.MappingNode):
            first_line: dict[str, int] = {}
            for key, value in node.value:
                label = text_key(key, name, path)
                line = key.start_mark.line + 1
                if label and key.tag != MERGE_TAG and label in first_line:
                    raise DataError(
                        f"{name}:{line}: {dotted((*path, label))}: duplicate key {shown(label)} "
                        f"(also on line {first_line[label]}; YAML would keep only the last)"
                    )
                first_line.setdefault(label, line)
                total += size(key, depth + 1, path) + size(value, depth + 1, (*path, label))
        elif isinstance(node, yaml.SequenceNode):
            for index, child in enumerate(node.value):
                total += size(child, depth + 1, (*path, index))
        sizes[id(node)] = total
        if total > MAX_VALUES:
            raise DataError(
                f"{name}:{node.start_mark.line + 1}: {dotted(path)}: too many values once aliases are "
                f"expanded (more than {MAX_VALUES:,})"
            )
        return total

    size(root, 0, ())


def text_key(key: yaml.Node, name: str, path: Path) -> str:
    """A mapping key as text: `123:` and `true:` are the keys "123" and "true" (what the schema
    and JSON expect). A key that cannot be text (a list, a mapping, a tagged value, null) is an
    error naming its line."""
    if isinstance(key, yaml.ScalarNode):
        if key.tag in PLAIN_KEY_TAGS:
            key.tag = STR_TAG
        if key.tag in (STR_TAG, MERGE_TAG) and (key.value or key.style):
            return str(key.value)
    kind = "an empty key" if isinstance(key, yaml.ScalarNode) and not key.value else "a key that is not text"
    where = f"{dotted(path)}: " if path else ""
    raise DataError(f"{name}:{key.start_mark.line + 1}: {where}{kind} (keys are plain text, e.g. name:)")


def locate(root: yaml.Node | None, path: Path) -> tuple[int, int]:
    """The line of the deepest node along path, and how many parts of path were found."""
    if root is None:
        return 1, 0
    node, line, depth = root, root.start_mark.line + 1, 0
    for part in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(part):
                    child, line = value, key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node, depth = child, depth + 1
    return line, depth


def path_to(node: yaml.Node, mark: yaml.Mark, path: Path = ()) -> Path | None:
    """The key path of the node that starts at mark (where a YAML error was found)."""
    if (node.start_mark.line, node.start_mark.column) == (mark.line, mark.column):
        return path
    children: list[tuple[str | int, yaml.Node]] = []
    if isinstance(node, yaml.MappingNode):
        children = [(str(key.value), value) for key, value in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = list(enumerate(node.value))
    for part, child in children:
        found = path_to(child, mark, (*path, part))
        if found is not None:
            return found
    return None


def error_at(doc: Document, path: Path, message: str) -> DataError:
    """A data error naming the file, the line of the deepest key found along path, and the path."""
    line, _ = locate(doc.root, path)
    return DataError(f"{doc.name}:{line}: {dotted(path)}: {message}")


def dotted(path: Path) -> str:
    return ".".join(str(p) for p in path) or "(top)"


def read_shipped(name: str) -> Document:
    resource = resources.files("hitsalary") / "data" / f"{name}.yaml"
    try:
        text = resource.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{resource}: cannot read the shipped data file: {exc}") from None
    return parse(text, str(resource))


def read_user(path: FilePath) -> Document:
    """A user's data file: a regular file of at most MAX_FILE_BYTES, read as UTF-8 and parsed.
    Devices (/dev/zero) and FIFOs are refused before they are opened for reading, so they can
    neither fill memory nor hang the run."""
    shown_path = shown(str(path), 200)
    try:
        text = read_limited(path, shown_path)
    except FileNotFoundError:
        raise DataError(f"{path}: no such data file") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a folder, not a data file") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:  # a NUL byte in the path
        raise DataError(f"{shown_path}: cannot read: {exc}") from None
    return parse(text, str(path))


def read_limited(path: FilePath, shown_path: str) -> str:
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError
    if not stat.S_ISREG(info.st_mode):
        raise DataError(f"{path}: not a regular file (a device, FIFO or socket cannot be a data file)")
    if info.st_size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise DataError(f"{path}: {info.st_size:,} bytes; a data file may have at most {limit} MB")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped after the check above
            raise DataError(f"{shown_path}: not a regular file")
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(f"{shown_path}: a data file may have at most {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return raw.decode("utf-8")
