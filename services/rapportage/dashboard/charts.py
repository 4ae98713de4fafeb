"""Charts as inline SVG, drawn on the server: readable on a projector, no script, no CDN. Every
chart carries its numbers as text too (a label per bar or point where they fit, and a tooltip on
each), so it reads without colour.

The x axis is laid out for the width the labels take (an estimate from the font size): months
as `jan`, `feb`, ... with the year below January and the first month, so twelve or thirteen
months fit side by side; other labels on two lines, or every n-th, where they would touch."""

import math
from html import escape

COLORS = ("#1f5fa8", "#e07b00", "#2e8b57", "#8e44ad", "#c0392b")
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 20, 62
AXIS_FONT = 13  # px in the viewBox, as `.chart .axis` in the page's CSS
VALUE_FONT = 13


MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _is_month(label: str) -> bool:
    return len(label) == 7 and label[4] == "-" and label[:4].isdigit() and label[5:].isdigit()


def short_label(label: str) -> str:
    """`2026-03` -> `mrt '26`; other labels as they are."""
    if _is_month(label):
        return f"{MONTHS[int(label[5:]) - 1]} '{label[2:4]}"
    return label


def text_width(text: str, size: float = AXIS_FONT) -> float:
    """The width `text` takes in the page's sans-serif font: 0.62 em a character, on the safe
    side for DejaVu Sans, Verdana and Arial."""
    return len(text) * size * 0.62


def _two_lines(text: str) -> list[str]:
    """`meer dan 365 dagen` -> [`meer dan`, `365 dagen`]: split at the space nearest the middle."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return [text]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return [text[:cut], text[cut + 1 :]]


def x_axis(labels: list[str], xs: list[float], spacing: float) -> list[str]:
    """The labels under the plot at `xs`, `spacing` apart: months short with their year below
    January and the first month; others on two lines where one would not fit; every n-th label
    where even that does not."""
    y = TOP + (HEIGHT - TOP - BOTTOM) + 16
    months = bool(labels) and all(_is_month(label) for label in labels)
    texts = [MONTHS[int(label[5:]) - 1] for label in labels] if months else [short_label(label) for label in labels]
    lines = [[t] if months or text_width(t) + 6 <= spacing else _two_lines(t) for t in texts]
    widest = max((text_width(line) for parts in lines for line in parts), default=0)
    every = max(1, math.ceil((widest + 6) / spacing)) if spacing > 0 else 1
    body = []
    for i, (x, parts) in enumerate(zip(xs, lines, strict=True)):
        if i % every:
            continue
        spans = "".join(f'<tspan x="{x:.1f}" dy="{0 if n == 0 else AXIS_FONT + 2}">{escape(part)}</tspan>' for n, part in enumerate(parts))
        body.append(f'<text x="{x:.1f}" y="{y}" class="axis x" text-anchor="middle" data-label="{escape(labels[i])}">{spans}</text>')
        if months and (i == 0 or labels[i].endswith("-01")):
            body.append(f'<text x="{x:.1f}" y="{y + AXIS_FONT + 3}" class="axis year" text-anchor="middle">{labels[i][:4]}</text>')
    return body


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def _scale(maximum: float) -> float:
    if maximum <= 0:
        return 1.0
    for power in range(12):
        for step in (1, 2, 4, 8):
            nice = step * 10**power
            if nice >= maximum:
                return float(nice)
    return float(maximum)


def _frame(title: str, body: list[str], legend: list[tuple[str, str]], maximum: float, chart_id: str) -> str:
    plot_h = HEIGHT - TOP - BOTTOM
    grid = []
    for i in range(5):
        value = maximum * i / 4
        y = TOP + plot_h - plot_h * i / 4
        grid.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        grid.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" class="axis" text-anchor="end">{_fmt(value)}</text>')
    legend_svg = []
    x = LEFT
    for color, label in legend:
        legend_svg.append(f'<rect x="{x}" y="{HEIGHT - 16}" width="12" height="12" fill="{color}"/>')
        legend_svg.append(f'<text x="{x + 16}" y="{HEIGHT - 6}" class="legend">{escape(label)}</text>')
        x += 24 + 8 * len(label)
    return (
        f'<svg id="{chart_id}" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>' + "".join(grid + body + legend_svg) + "</svg>"
    )


def bar_chart(chart_id: str, title: str, labels: list[str], series: list[tuple[str, list[float]]]) -> str:
    """Grouped bars: one group per label, one bar per series."""
    maximum = _scale(max([v for _, values in series for v in values if v is not None] + [0]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group_w = plot_w / max(1, len(labels))
    bar_w = group_w * 0.8 / max(1, len(series))
    body = []
    # a value above its bar only where every value fits its bar's width
    widest = max((text_width(_fmt(v), VALUE_FONT) for _, values in series for v in values if v), default=0)
    show_values = widest + 2 <= bar_w
    for i, label in enumerate(labels):
        x0 = LEFT + i * group_w + group_w * 0.1
        for j, (name, values) in enumerate(series):
            value = values[i] or 0
            h = plot_h * value / maximum
            x, y = x0 + j * bar_w, TOP + plot_h - h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{COLORS[j % len(COLORS)]}" '
                f'data-serie="{escape(name)}" data-label="{escape(label)}" data-value="{_fmt(value)}"><title>{escape(name)} {escape(label)}: {_fmt(value)}</title></rect>'
            )
            if value and show_values:
                body.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" class="value" text-anchor="middle">{_fmt(value)}</text>')
    body += x_axis(labels, [LEFT + i * group_w + group_w / 2 for i in range(len(labels))], group_w)
    legend = [(COLORS[j % len(COLORS)], name) for j, (name, _) in enumerate(series)]
    return _frame(title, body, legend, maximum, chart_id)


def line_chart(chart_id: str, title: str, labels: list[str], series: list[tuple[str, list[float | None]]]) -> str:
    maximum = _scale(max([v for _, values in series for v in values if v is not None] + [0]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(labels) - 1) if len(labels) > 1 else 0
    body = []
    for j, (name, values) in enumerate(series):
        color = COLORS[j % len(COLORS)]
        points = []
        for i, value in enumerate(values):
            if value is None:
                continue
            x = LEFT + (i * step if len(labels) > 1 else plot_w / 2)
            y = TOP + plot_h - plot_h * value / maximum
            points.append((x, y, value, labels[i]))
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
            # later series dashed and thinner, so one that coincides with an earlier stays visible
            dash = ' stroke-dasharray="8 5"' if j else ""
            body.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="{5 if j == 0 else 3}"{dash}/>')
        for x, y, value, label in points:
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{color}" data-serie="{escape(name)}" data-label="{escape(label)}" '
                f'data-value="{_fmt(value)}"><title>{escape(name)} {escape(label)}: {_fmt(value)}</title></circle>'
            )
            if len(points) <= 13 and j == 0:
                body.append(f'<text x="{x:.1f}" y="{y - 8:.1f}" class="value" text-anchor="middle">{_fmt(value)}</text>')
    body += x_axis(labels, [LEFT + (i * step if len(labels) > 1 else plot_w / 2) for i in range(len(labels))], step or plot_w)
    legend = [(COLORS[j % len(COLORS)], name) for j, (name, _) in enumerate(series)]
    return _frame(title, body, legend, maximum, chart_id)


def hbar_chart(chart_id: str, title: str, items: list[tuple[str, float | None, float | None]], unit: str) -> str:
    """Horizontal bars (label, value, norm), the label above its bar; a norm is a dark tick on
    the bar's row, and a bar over its norm is red."""
    row_h = 46
    height = TOP + row_h * max(1, len(items)) + 10
    plot_w = WIDTH - LEFT - RIGHT - 70
    maximum = _scale(max([v or 0 for _, v, _ in items] + [n or 0 for _, _, n in items] + [0]))
    body = []
    for i, (label, value, norm) in enumerate(items):
        y = TOP + i * row_h
        w = plot_w * (value or 0) / maximum
        over = norm is not None and value is not None and value > norm
        color = "#c0392b" if over else COLORS[0]
        body.append(f'<text x="{LEFT}" y="{y + 12}" class="label">{escape(label[:70])}</text>')
        body.append(
            f'<rect x="{LEFT}" y="{y + 17}" width="{w:.1f}" height="20" fill="{color}" data-label="{escape(label)}" '
            f'data-value="{_fmt(value)}"><title>{escape(label)}: {_fmt(value)} {unit}</title></rect>'
        )
        # the value right of the bar; right of the norm's tick where the tick would cross it
        text = f"{_fmt(value)} {unit}"
        start = w + 6
        if norm is not None:
            tick = plot_w * norm / maximum
            if start - 4 <= tick <= start + text_width(text, VALUE_FONT) + 2:
                start = tick + 6
        body.append(f'<text x="{LEFT + start:.1f}" y="{y + 32}" class="value">{escape(text)}</text>')
        if norm is not None:
            x = LEFT + plot_w * norm / maximum
            body.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 14}" y2="{y + 40}" class="norm"><title>norm {_fmt(norm)} {unit}</title></line>'
            )
    return (
        f'<svg id="{chart_id}" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>' + "".join(body) + "</svg>"
    )
