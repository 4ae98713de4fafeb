"""Charts as inline SVG, drawn on the server: readable on a projector, no script, no CDN. Every
chart carries its numbers as text too (a label per bar or point), so it reads without colour."""

from html import escape

COLORS = ("#1f5fa8", "#e07b00", "#2e8b57", "#8e44ad", "#c0392b")
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 20, 54


MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def short_label(label: str) -> str:
    """`2026-03` -> `mrt '26`; other labels as they are."""
    if len(label) == 7 and label[4] == "-" and label[:4].isdigit() and label[5:].isdigit():
        return f"{MONTHS[int(label[5:]) - 1]} '{label[2:4]}"
    return label


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
    every = max(1, len(labels) // 12)
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
            if value and len(labels) * len(series) <= 30:
                body.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" class="value" text-anchor="middle">{_fmt(value)}</text>')
        if i % every == 0:
            body.append(
                f'<text x="{LEFT + i * group_w + group_w / 2:.1f}" y="{TOP + plot_h + 16}" class="axis" text-anchor="middle">{escape(short_label(label))}</text>'
            )
    legend = [(COLORS[j % len(COLORS)], name) for j, (name, _) in enumerate(series)]
    return _frame(title, body, legend, maximum, chart_id)


def line_chart(chart_id: str, title: str, labels: list[str], series: list[tuple[str, list[float | None]]]) -> str:
    maximum = _scale(max([v for _, values in series for v in values if v is not None] + [0]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(labels) - 1) if len(labels) > 1 else 0
    body = []
    every = max(1, len(labels) // 12)
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
    for i, label in enumerate(labels):
        if i % every == 0:
            x = LEFT + (i * step if len(labels) > 1 else plot_w / 2)
            body.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 16}" class="axis" text-anchor="middle">{escape(short_label(label))}</text>')
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
        body.append(f'<text x="{LEFT + w + 6:.1f}" y="{y + 32}" class="value">{_fmt(value)} {unit}</text>')
        if norm is not None:
            x = LEFT + plot_w * norm / maximum
            body.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 14}" y2="{y + 40}" class="norm"><title>norm {_fmt(norm)} {unit}</title></line>'
            )
    return (
        f'<svg id="{chart_id}" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>' + "".join(body) + "</svg>"
    )
