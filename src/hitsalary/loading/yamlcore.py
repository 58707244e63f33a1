"""YAML read as the YAML 1.2 core schema, not PyYAML's YAML 1.1 one.

YAML 1.1 reads `on`, `off`, `yes`, `no` as booleans, `075000` as octal (31,232) and `1:15:00`
as a sexagesimal 4,500, and turns `2026-01-01` into a date: figures and keys a person typed
change meaning silently. Here only `true`/`false` are booleans, only `null`/`~`/nothing is null,
integers are decimal (or `0o17`, `0x1F`), and everything else that is not a plain number is
text. Keys are always text (datafiles.check_shape makes them so).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml

BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
INT_TAG, FLOAT_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
MAX_DIGITS = 100  # a longer number is refused before Python converts it (4,301 digits would fail)

# the YAML 1.2 core schema's resolvers (spec section 10.3.2), and PyYAML's merge key `<<`
CORE = (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ("~", "n", "N", "")),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (INT_TAG, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        FLOAT_TAG,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
    ("tag:yaml.org,2002:merge", r"^<<$", "<"),
)


class CoreLoader(BaseLoader):  # type: ignore[misc,valid-type]  # CSafeLoader where libyaml is built
    """PyYAML's safe loader with the YAML 1.2 core schema's implicit types only."""

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}


for _tag, _pattern, _first in CORE:
    CoreLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def construct_int(loader: Any, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    digits = text.lstrip("+-")
    if len(digits) > MAX_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, f"too large a number ({len(digits):,} digits; at most {MAX_DIGITS})", node.start_mark
        )
    sign = -1 if text.startswith("-") else 1
    if digits[:2] in ("0o", "0x"):
        return sign * int(digits[2:], 8 if digits[1] == "o" else 16)
    try:
        return sign * int(digits, 10)  # a leading 0 is still decimal in YAML 1.2
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None, None, f"{text[:40]!r} is not an integer", node.start_mark
        ) from None


def construct_float(loader: Any, node: yaml.ScalarNode) -> float:
    text = str(loader.construct_scalar(node))
    if len(text) > MAX_DIGITS:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"too large a number ({len(text):,} characters; at most {MAX_DIGITS})",
            node.start_mark,
        )
    try:
        return float(text.lower().replace(".inf", "inf").replace(".nan", "nan"))
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None, None, f"{text[:40]!r} is not a number", node.start_mark
        ) from None


CoreLoader.add_constructor(INT_TAG, construct_int)
CoreLoader.add_constructor(FLOAT_TAG, construct_float)
