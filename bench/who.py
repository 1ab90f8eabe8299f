"""`presscut who` on a generated library: without ``people.cache`` (every body read once), then
with it (no body read), each as a process of its own with its CPU time and peak memory.

usage: python -m bench.who [--size 10000]
"""

from __future__ import annotations

import argparse
import sys

from bench import startup
from bench.archive import run_command
from bench.library_gen import sized
from bench.workdir import discard, working_copy
from store.library import Library
from store.people_cache import CACHE_NAME


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="articles (5 annotations each)")
    generated = sized(parser.parse_args(argv).size)
    folder = working_copy(generated.folder)
    try:
        Library(folder).close()
        presscut = [str(startup.PRESSCUT), "--library", str(folder), "who"]
        for name, args in (("who_json_cold", ["--json"]), ("who_json", ["--json"]),
                           ("who_name", [generated.who]), ("who_name_json", [generated.who,
                                                                              "--json"])):
            figures = run_command([*presscut, *args], name)
            print(f"{name}: {figures[name + '_s']:.2f} s, cpu {figures[name + '_cpu_s']:.2f} s, "
                  f"peak {figures[name + '_peak_mb']:.0f} MB", flush=True)
        size = sum(f.stat().st_size for f in (folder / CACHE_NAME).rglob("*") if f.is_file())
        print(f"people.cache: {size / 1e6:.1f} MB")
    finally:
        discard(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
