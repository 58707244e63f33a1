"""The YAML side of the data files: safe parsing, and the file and line behind a key path.

This is the only module that imports yaml. A run that finds the validated data in the cache
(see reference.py) never loads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path as FilePath
from typing import Any

import yaml

from hitsalary.errors import DataError
from hitsalary.schema import Path

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Raw = dict[str, Any]


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
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f"{mark.line + 1}:" if mark else ""
        problem = " ".join(str(exc.problem or exc.context or exc).split())
        if "constructor for the tag" in problem:
            problem += " (hitsalary reads plain YAML only; such tags are refused, never run)"
        where = path_to(root, mark) if root is not None and mark is not None else None
        key = f" {dotted(where)}:" if where else ""
        raise DataError(f"{name}:{line}{key} {problem}") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{name}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    return Document(name, data, root)


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
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{path}: no such data file") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a folder, not a data file") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror}") from None
    return parse(text, str(path))
