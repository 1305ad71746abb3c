r"""Draw docs/_static/choosing.svg, the flowchart of "How the drive is chosen", by hand: no Graphviz, no layout engine.

Run ``python docs/_ext/flowchart.py`` after changing the rules or the reasons; ``--check`` exits with 1 when the
committed file differs from what this script draws (tests/test_docs.py does the same). The boxes' reason codes come
from :mod:`reference` and so from the :class:`~platformdirs_devdrive.Reason` enum: renaming a reason changes the
drawing, and a reason without a box stops the script.
"""

from __future__ import annotations

import itertools
import sys
from html import escape
from pathlib import Path
from typing import NamedTuple

if str(Path(__file__).parent) not in sys.path:  # run as a script: reference and simulation sit beside it
    sys.path.insert(0, str(Path(__file__).parent))

from reference import NODES, codes_of, missing_notes

OUTPUT = Path(__file__).parent.parent / "_static" / "choosing.svg"
"""Where the drawing is committed."""

WIDTH = 990
CHAR = 7.2  # a generous average advance of the 12.5 px sans and 11.5 px monospace faces, in px; boxes are sized from it
LINE = 17
PAD = 12

STYLES = {  # fill, stroke
    "start": ("#e3ecfb", "#4a6fb5"),
    "question": ("#fff6d5", "#b8912a"),
    "standard": ("#eceff3", "#7d879a"),
    "chosen": ("#dcf3e3", "#2f8f4e"),
    "note": ("#ffffff", "#7d879a"),
}


class Box(NamedTuple):
    """A box: its kind (a key of :data:`STYLES`), geometry and lines of ``(style, text)``."""

    kind: str
    x: float
    cy: float
    w: float
    lines: list[tuple[str, str]]
    node: str | None = None

    @property
    def h(self) -> float:
        """The height that fits the lines."""
        return PAD + LINE * len(self.lines)

    @property
    def top(self) -> float:
        """The y of the top edge."""
        return self.cy - self.h / 2

    def left(self) -> tuple[float, float]:
        """Return the middle of the left edge."""
        return (self.x, self.cy)

    def right(self) -> tuple[float, float]:
        """Return the middle of the right edge."""
        return (self.x + self.w, self.cy)

    def upper(self) -> tuple[float, float]:
        """Return the middle of the top edge."""
        return (self.x + self.w / 2, self.top)

    def lower(self) -> tuple[float, float]:
        """Return the middle of the bottom edge."""
        return (self.x + self.w / 2, self.top + self.h)


class Edge(NamedTuple):
    """A polyline, with an arrowhead unless it joins another edge, and a label near its start."""

    points: list[tuple[float, float]]
    label: str = ""
    arrow: bool = True


def _wrap_codes(codes: list[str], width: float) -> list[tuple[str, str]]:
    """Wrap a comma-separated list of codes to the box width."""
    capacity = int((width - 2 * PAD) / CHAR)
    lines: list[str] = []
    for code in codes:
        last = lines[-1] if lines else None
        if last is not None and len(last) + 2 + len(code) <= capacity:
            lines[-1] = f"{last}, {code}"
        else:
            if lines:
                lines[-1] += ","
            lines.append(code)
    return [("code", line) for line in lines]


SPINE = (20, 330)  # x and width of the questions, in the order the code asks them
ANSWERS = (390, 270)  # their outcomes
SIDE = (700, 260)  # an explicit path
ROW = 70


def _y(row: float) -> float:
    return 96 + ROW * row


def _question(column: tuple[int, int], row: float, *lines: str) -> Box:
    return Box("question", column[0], _y(row), column[1], [("text", line) for line in lines])


def _outcome(kind: str, node: str, title: str, column: tuple[int, int], row: float) -> Box:
    codes = codes_of(node)
    if not codes:
        msg = f"flowchart box {node!r} lists no reason: check reference.REASON_NOTES"
        raise ValueError(msg)
    return Box(kind, column[0], _y(row), column[1], [("title", title), *_wrap_codes(codes, column[1])], node)


def _questions() -> list[Box]:
    return [
        Box("start", SPINE[0], _y(0), SPINE[1], [("title", "a tool asks for its cache or temp dir")]),
        _question(SPINE, 1, "the tool passed devdrive=False?"),
        _question(SPINE, 2, "the tool passed a path as devdrive=?"),
        _question(SPINE, 3, "PLATFORMDIRS_DEVDRIVE holds a path?"),
        _question(SPINE, 4, "PLATFORMDIRS_DEVDRIVE is off (0, no, ...),", "or unset with devdrive=None?"),
        _question(SPINE, 5, "running on Windows?"),
        _question(SPINE, 6, "cache, and the user set", "WIN_PD_OVERRIDE_LOCAL_APPDATA?"),
        _question(SPINE, 7, "temp, and the near= target", "is on a Dev Drive?"),
        _question(SPINE, 8, "temp, and TEMP/TMP already", "lead to a Dev Drive?"),
        _question(SPINE, 9, "how many Dev Drives does", "the machine have?"),
    ]


def _answers() -> dict[int, Box]:
    """Return the outcome of each question that has one on its right, keyed by the question's row."""
    return {
        1: _outcome("standard", "off-by-argument", "standard location", ANSWERS, 1),
        4: _outcome("standard", "off", "standard location", ANSWERS, 4),
        5: _outcome("standard", "not-windows", "standard location", ANSWERS, 5),
        6: _outcome("standard", "overridden", "the location the user set", ANSWERS, 6),
        7: _outcome("chosen", "near-target", "the target's Dev Drive", ANSWERS, 7),
        8: _outcome("chosen", "standard-temp", "TEMP as it is", ANSWERS, 8),
        9: _outcome("chosen", "sole", "one: that Dev Drive", ANSWERS, 9),
    }


def _fallbacks() -> list[Box]:
    """Return the outcomes below the one-Dev-Drive answer: several, none, listing failed."""
    return [
        _outcome("standard", "several", "several: standard location", ANSWERS, 10),
        _outcome("standard", "none", "none: standard location", ANSWERS, 11),
        _outcome("standard", "detection-failed", "listing failed: standard location", ANSWERS, 12),
    ]


def _explicit() -> list[Box]:
    """Return the question about an explicit path, its two outcomes and the note on the warning."""
    refused = _outcome("standard", "explicit-refused", "standard location", SIDE, 5.75)
    warning = [("text", "with a DevDriveWarning when"), ("text", "PLATFORMDIRS_DEVDRIVE named it")]
    return [
        _question(SIDE, 2.5, "the path is absolute, exists", "and is a directory?"),
        _outcome("chosen", "explicit-chosen", "that folder, Dev Drive or not", SIDE, 4),
        refused,
        Box("note", SIDE[0], refused.top + refused.h + 30, SIDE[1], warning),
    ]


def _safety_note(below: Box) -> Box:
    lines = [
        ("title", "Then, for every green outcome but TEMP as it is:"),
        ("text", r"each folder of <root>\.cache\... must be a real directory (no link or junction), yours, and not"),
        ("text", "writable by others; .cache is made owner-only, the rest when ensure_exists asks. If not:"),
        ("title", "standard location"),
        *_wrap_codes(codes_of("safety"), WIDTH - 40),
        (
            "text",
            "Temp's standard <gettempdir()>/<app> is made owner-only and checked; if it fails, your own stand-in:",
        ),
        *_wrap_codes(codes_of("temp-unusable"), WIDTH - 40),
    ]
    note = Box("note", 20, 0, WIDTH - 40, lines, "safety")
    return note._replace(cy=below.top + below.h + 28 + note.h / 2)


def _edges(spine: list[Box], answers: dict[int, Box], fallbacks: list[Box], explicit: list[Box]) -> list[Edge]:
    labels = {1: "", 5: "no: on", 6: "yes"}  # by the row of the lower question; "no" elsewhere
    edges = [
        Edge([upper.lower(), lower.upper()], labels.get(row, "no"))
        for row, (upper, lower) in enumerate(itertools.pairwise(spine), start=1)
    ]
    polarity = {5: "no", 9: "one"}  # the answer that leads right; "yes" elsewhere
    edges += [Edge([spine[row].right(), box.left()], polarity.get(row, "yes")) for row, box in answers.items()]
    question, chosen, refused, warning = explicit
    bus, gutter = SIDE[0] - 24, SIDE[0] + SIDE[1] + 10
    edges += [
        Edge([spine[2].right(), (bus, spine[2].cy), (bus, question.cy), question.left()], "yes"),
        Edge([spine[3].right(), (bus, spine[3].cy), (bus, question.cy)], "yes", arrow=False),
        Edge([question.lower(), chosen.upper()], "yes"),
        Edge([question.right(), (gutter, question.cy), (gutter, refused.cy), refused.right()], "no"),
        Edge([refused.lower(), warning.upper()], arrow=False),
    ]
    trunk = spine[9].lower()
    edges += [Edge([trunk, (trunk[0], box.cy), box.left()]) for box in fallbacks]
    return edges


def layout() -> tuple[list[Box], list[Edge], float]:
    """Place every box and edge; return them with the drawing's height."""
    spine, answers, fallbacks, explicit = _questions(), _answers(), _fallbacks(), _explicit()
    note = _safety_note(fallbacks[-1])
    boxes = [*spine, *answers.values(), *fallbacks, *explicit, note]
    drawn = {box.node for box in boxes if box.node} | {"temp-unusable"}  # the note lists both
    if drawn != set(NODES):
        msg = f"flowchart boxes {sorted(drawn ^ set(NODES))} do not match reference.NODES"
        raise ValueError(msg)
    return boxes, _edges(spine, answers, fallbacks, explicit), note.top + note.h + 20


def _check_fits(box: Box) -> None:
    for _, text in box.lines:
        if len(text) * CHAR > box.w - 2 * PAD + 1:
            msg = f"{text!r} does not fit a box {box.w} px wide"
            raise ValueError(msg)


def _text(x: float, y: float, style: str, text: str, *, middle: bool) -> str:
    css = {"title": "t", "text": "x", "code": "c"}[style]
    anchor = ' text-anchor="middle"' if middle else ""
    return f'<text{anchor} class="{css}" x="{x:g}" y="{y:g}">{escape(text)}</text>'


def _box(box: Box) -> list[str]:
    _check_fits(box)
    fill, stroke = STYLES[box.kind]
    dash = ' stroke-dasharray="5 3"' if box.kind == "note" else ""
    radius = 18 if box.kind == "start" else 6
    parts = [
        (
            f'<rect x="{box.x:g}" y="{box.top:g}" width="{box.w:g}" height="{box.h:g}" rx="{radius}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="1.4"{dash}/>'
        )
    ]
    centred = box.kind != "note"
    for index, (style, text) in enumerate(box.lines):
        baseline = box.top + PAD / 2 + LINE * index + 13
        x = box.x + box.w / 2 if centred else box.x + PAD
        parts.append(_text(x, baseline, style, text, middle=centred))
    return parts


def _edge(edge: Edge) -> list[str]:
    points = " ".join(f"{x:g},{y:g}" for x, y in edge.points)
    marker = ' marker-end="url(#arrow)"' if edge.arrow else ""
    parts = [f'<polyline points="{points}" fill="none" stroke="#4b5563" stroke-width="1.3"{marker}/>']
    if edge.label:
        (x0, y0), (_, y1) = edge.points[:2]
        if y0 == y1:  # leaves sideways: label above, just after the start
            parts.append(f'<text class="l" x="{x0 + 6:g}" y="{y0 - 5:g}">{escape(edge.label)}</text>')
        else:  # leaves downwards: label to the right of the line
            parts.append(f'<text class="l" x="{x0 + 6:g}" y="{(y0 + y1) / 2 + 4:g}">{escape(edge.label)}</text>')
    return parts


def _legend() -> list[str]:
    parts = []
    x = 20
    for kind, label in (
        ("question", "a question"),
        ("chosen", "a Dev Drive or the chosen folder"),
        ("standard", "the standard location (platformdirs' own)"),
    ):
        fill, stroke = STYLES[kind]
        parts.append(f'<rect x="{x}" y="22" width="14" height="14" rx="3" fill="{fill}" stroke="{stroke}"/>')
        parts.append(f'<text class="l" x="{x + 20}" y="33">{escape(label)}</text>')
        x += int(20 + len(label) * 6.2 + 22)
    return parts


def render() -> str:
    """Return the SVG document."""
    if missing := missing_notes():
        msg = f"reasons without a note in reference.REASON_NOTES: {', '.join(code.value for code in missing)}"
        raise ValueError(msg)
    boxes, edges, height = layout()
    body = [part for edge in edges for part in _edge(edge)] + [part for box in boxes for part in _box(box)]
    head = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:g}" '
            f'viewBox="0 0 {WIDTH} {height:g}" role="img" aria-labelledby="title desc">'
        ),
        '<title id="title">How platformdirs-devdrive chooses the drive</title>',
        (
            '<desc id="desc">The questions in order: devdrive=False; an explicit path from the tool or from '
            "PLATFORMDIRS_DEVDRIVE; off; not Windows; WIN_PD_OVERRIDE_LOCAL_APPDATA; temp near the target; TEMP "
            "already on a Dev Drive; then one Dev Drive is used, several or none give the standard location.</desc>"
        ),
        "<!-- Generated by docs/_ext/flowchart.py; do not edit by hand. -->",
        "<defs>",
        '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">',
        '<path d="M0,0 L10,5 L0,10 z" fill="#4b5563"/>',
        "</marker>",
        "<style>",
        "text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;fill:#1f2937}",
        ".t{font-size:12.5px;font-weight:600}.x{font-size:12.5px}.l{font-size:11.5px;fill:#4b5563}",
        ".c{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:11.5px}",
        "</style>",
        "</defs>",
        f'<rect width="{WIDTH}" height="{height:g}" rx="10" fill="#ffffff"/>',
    ]
    return "\n".join([*head, *_legend(), *body, "</svg>", ""])


def main(argv: list[str] | None = None) -> int:
    """Write the drawing, or with ``--check`` report whether the committed one is current."""
    args = sys.argv[1:] if argv is None else argv
    drawing = render()
    if "--check" in args:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != drawing:
            sys.stderr.write(f"{OUTPUT} is out of date: run python docs/_ext/flowchart.py\n")
            return 1
        return 0
    OUTPUT.write_text(drawing, encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
