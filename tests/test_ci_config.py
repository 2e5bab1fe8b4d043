"""Publishing: the GitHub Actions workflow and .readthedocs.yaml, checked offline against their schemas
(check-jsonschema's vendored copies), and for doing what the Makefile does."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.conftest import PROJECT

WORKFLOW = PROJECT / ".github/workflows/ci.yml"
READTHEDOCS = PROJECT / ".readthedocs.yaml"


@pytest.mark.make
@pytest.mark.parametrize(
    ("schema", "path"), [("vendor.github-workflows", WORKFLOW), ("vendor.readthedocs", READTHEDOCS)], ids=["workflow", "rtd"]
)
def test_config_is_valid_against_its_vendored_schema(schema, path):
    command = [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", schema, str(path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load(path.read_text())
    return {("on" if key is True else key): value for key, value in data.items()}


def runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_workflow_runs_the_tests_on_every_push_and_pull_request():
    workflow = load(WORKFLOW)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "pull_request" in workflow["on"]
    test = workflow["jobs"]["test"]
    assert "if" not in test
    assert "bash .ci/run" in runs(test)
    assert (PROJECT / ".ci/run").read_text().rstrip().endswith("make test")
    assert "actions/checkout" in uses(test)


def test_workflow_tests_on_the_oldest_and_newest_supported_python():
    test = load(WORKFLOW)["jobs"]["test"]
    assert test["strategy"]["matrix"]["python"] == ["3.11", "3.13"]
    assert test["strategy"]["fail-fast"] is False
    # The image's python3 is the matrix's, and it is what the Makefile makes the venv with (PYTHON ?= python3).
    assert test["container"] == "python:${{ matrix.python }}-bookworm"
    assert "PYTHON      ?= python3" in (PROJECT / "Makefile").read_text()
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11,<3.14"


def test_workflow_deploys_make_dist_to_pages_from_main_only():
    workflow = load(WORKFLOW)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["needs"] == "test"
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(deploy) == [
        "actions/checkout",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    [dist] = [command for command in runs(deploy) if command.startswith("make dist")]
    assert 'BASEURL="${{ steps.pages.outputs.base_url }}/"' in dist
    upload = next(step for step in deploy["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/dist"
    steps = [step.get("uses", step.get("run", "")) for step in deploy["steps"]]
    assert steps.index(dist) < steps.index(upload["uses"])


def test_read_the_docs_builds_with_make_and_publishes_html_and_pdf():
    config = load(READTHEDOCS)
    assert config["version"] == 2
    commands = config["build"]["commands"]
    assert commands[0] == 'make dist BASEURL="$READTHEDOCS_CANONICAL_URL"'
    assert 'cp -a _build/dist/. "$READTHEDOCS_OUTPUT/html/"' in commands
    assert 'cp _build/dist/handbook.pdf "$READTHEDOCS_OUTPUT/pdf/"' in commands
    assert {"sphinx", "python", "formats"}.isdisjoint(config)  # make does the whole build
