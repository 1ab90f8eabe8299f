"""`make bench`: every performance target of issue #7, each figure beside its reference.

usage: python -m bench.run

The generated library (10,000 articles of about 600 words with analyses, 50,000 annotations)
is built once into ``.bench-cache/`` (about 10 s) and reused. Each section prints its figures
as it goes; the last line is one JSON object with every figure.
"""

from __future__ import annotations

import json
import os
import sys

from bench import importing, in_app, library_gen, long_article, saving, startup, story

TARGETS = {  # key: (limit, how the figure compares with it)
    "save_p95_ms": (5.0, "<="),
    "startup_ratio": (1.5, "<="),
    "open_article_ms": (50.0, "<="),
    "import_ratio": (0.9, ">="),
    "rss_mb": (300.0, "<="),
    "filter_ms": (100.0, "<="),
    "story_draw_ms": (300.0, "<="),
    "stats_json_s": (2.0, "<="),
    "long_key_ms": (50.0, "<="),
}


def _show(section: str, figures: dict[str, float]) -> None:
    for key, value in figures.items():
        limit = TARGETS.get(key)
        verdict = ""
        if limit:
            met = value <= limit[0] if limit[1] == "<=" else value >= limit[0]
            verdict = f"  (target {limit[1]} {limit[0]:g}: {'met' if met else 'MISSED'})"
        print(f"{section:9} {key:24} {value:12.2f}{verdict}", flush=True)


def main() -> int:
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}", flush=True)
    generated = library_gen.cached()
    print(f"library: {generated.folder}", flush=True)
    figures: dict[str, float] = {}
    for section, measure in (
        ("saving", lambda: saving.measure(generated)),
        ("startup", lambda: startup.measure(generated)),
        ("app", lambda: in_app.measure(generated)),
        ("long", long_article.measure),
        ("import", importing.measure),
        ("story", story.measure),
    ):
        found = measure()
        _show(section, found)
        figures.update(found)
    print(json.dumps({key: round(value, 3) for key, value in figures.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
