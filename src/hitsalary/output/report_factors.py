"""What moves the number: each factor as a bar from x1 to its multiplier, with its basis
(measured, fallback, assumed, baseline) written beside it and drawn as a fill pattern, so colour
is never the only cue."""

from __future__ import annotations

from dataclasses import dataclass

from hitsalary.output.report_svg import Scale, esc, line, num, padded, svg, text, wrapped_text

ROW = 44
BASIS_WORDS = {"measured": "measured", "fallback": "fallback", "assumed": "assumed", "baseline": "baseline"}
FIGURE_ROOM = 124  # the width kept right of the bars for the multiplier and its basis


@dataclass(frozen=True)
class FactorBar:
    title: str  # "Location"
    value: str  # "San Jose-Sunnyvale-Santa Clara, CA"
    multiplier: float
    basis: str


def times(multiplier: float) -> str:
    return f"\N{MULTIPLICATION SIGN}{multiplier:.3f}"


def patterns(prefix: str) -> str:
    """Fills for the bases: solid (measured), hatched (fallback), dotted (assumed)."""
    hatch = (
        f'<pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" class="fallback-bg"/>'
        '<line x1="0" y1="0" x2="0" y2="6" class="fallback-line"/></pattern>'
    )
    dots = (
        f'<pattern id="{prefix}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<rect width="5" height="5" class="assumed-bg"/>'
        '<circle cx="2.5" cy="2.5" r="1.2" class="assumed-dot"/>'
        "</pattern>"
    )
    return f"<defs>{hatch}{dots}</defs>"


def bar(factor: FactorBar, scale: Scale, top: float, prefix: str) -> list[str]:
    """The bar from x1 to the multiplier, its figure and basis in words right of it."""
    one, end = scale(1.0), scale(factor.multiplier)
    tick = line(one, top - 3, one, top + 17, cls="one")
    fill = {"fallback": f"url(#{prefix}-hatch)", "assumed": f"url(#{prefix}-dots)"}.get(factor.basis)
    left, width = min(one, end), max(abs(end - one), 2.0)
    shape = f'<rect x="{num(left)}" y="{num(top)}" width="{num(width)}" height="14"'
    shape += f' class="factor {esc(factor.basis)}"'
    shape += f' style="fill:{fill}"/>' if fill else "/>"
    figure = f"{times(factor.multiplier)} {BASIS_WORDS.get(factor.basis, factor.basis)}"
    return [tick, shape, text(max(one, end) + 6, top + 11, figure, cls="lbl strong")]


def factors_chart(factors: list[FactorBar], *, width: float, prefix: str) -> str:
    """One row per factor: its name and value, then the bar from x1 and its figure beside it."""
    low, high = padded([1.0] + [f.multiplier for f in factors], 0.1)
    scale = Scale(min(low, 0.9), max(high, 1.1), 8, width - FIGURE_ROOM)
    body = [patterns(prefix)]
    top = 0.0
    for factor in factors:
        name, extra = wrapped_text(
            8, top + 14, f"{factor.title}: {factor.value}", width=width - 16, cls="lbl"
        )
        body.append(name)
        body += bar(factor, scale, top + extra + 22, prefix)
        top += extra + ROW
    height = top + 4
    label = "; ".join(f"{f.title} {times(f.multiplier)} ({f.basis})" for f in factors)
    return svg(width, height, body, label=f"What moves the number: {label}")
