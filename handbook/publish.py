"""Publish atomically: build everything into a fresh folder, swap it in only on success.

``make dist`` runs this. The live copy (``_build/dist``) is what gets uploaded;
a publish that fails halfway (a bad article, a failed check) must never leave
it half-built or empty. So every step writes into ``<target>.new``, and only
when all of them succeeded is the old folder moved aside and the new one
renamed into place. On failure the staging folder is removed and the
previous ``<target>`` is left exactly as it was.

Usage: ``python -m handbook.publish TARGET [sphinx-build options...]``
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

Step = list[str]


def site_steps(staging: Path, doctrees: Path, options: Sequence[str]) -> list[Step]:
    """Everything that goes into a published copy, built into ``staging``."""
    sphinx = [sys.executable, "-m", "sphinx", "-c", ".", "-d", str(doctrees), *options]
    return [[*sphinx, "-b", "html", "docs", str(staging)]]


def publish(target: Path, steps_for: Callable[[Path], list[Step]]) -> int:
    """Run ``steps_for(staging)`` in order; replace ``target`` only if every step exits 0."""
    staging = target.with_name(f"{target.name}.new")
    retired = target.with_name(f"{target.name}.old")
    shutil.rmtree(staging, ignore_errors=True)
    for step in steps_for(staging):
        status = subprocess.run(step).returncode
        if status != 0:
            shutil.rmtree(staging, ignore_errors=True)
            print(f"publish: a step failed (exit {status}); {target} was left as it was.", file=sys.stderr)
            return status
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    print(f"publish: {target} is up to date.")
    return 0


def main(arguments: Sequence[str]) -> int:
    target, *options = arguments
    target_path = Path(target)
    doctrees = target_path.with_name(f"{target_path.name}.doctrees")
    return publish(target_path, lambda staging: site_steps(staging, doctrees, options))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
