"""The Dockerfile's image builds a brief from the samples (issue 19, running on a server).

Building the image downloads a Python base image and the dependencies: minutes, and network.
So the build runs only when asked (``BRIEFINGS_DOCKER_TEST=1``, as ``make docker-test`` does)
and where a Docker daemon answers; otherwise it is skipped with the reason. The static checks
of the Dockerfile run always.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
IMAGE = "briefings-test:latest"


def test_dockerfile_installs_the_required_system_packages_and_the_checkout():
    text = DOCKERFILE.read_text(encoding="utf-8")
    deps = (ROOT / "scripts" / "system-deps.sh").read_text(encoding="utf-8")
    required = set(re.findall(r"\|\| missing=\"\$missing ([^\"]+)\"", deps.split("--optional")[0]))
    needed = {pkg for group in required for pkg in group.split()} - {"poppler-utils"}  # tests only
    assert needed, "system-deps.sh names the packages"
    for package in needed:
        assert package in text, f"the image lacks {package}"
    for copied in re.findall(r"^COPY (\S+)", text, re.M):
        assert (ROOT / copied.split()[0]).exists(), copied
    assert "pip install --no-cache-dir ." in text
    assert '"--date", "2025-07-22"' in text and "/opt/briefings/samples" in text


def _docker_reason() -> str | None:
    if os.environ.get("BRIEFINGS_DOCKER_TEST") != "1":
        return "builds a Docker image (minutes, network): set BRIEFINGS_DOCKER_TEST=1 (make docker-test)"
    if shutil.which("docker") is None:
        return "docker is not installed"
    info = subprocess.run(["docker", "info"], capture_output=True, text=True, timeout=60)
    if info.returncode != 0:
        return f"no Docker daemon answers ({(info.stderr.strip().splitlines() or ['?'])[-1]})"
    return None


def test_the_image_builds_the_sample_brief(tmp_path):
    reason = _docker_reason()
    if reason:
        pytest.skip(reason)
    built = subprocess.run(["docker", "build", "-t", IMAGE, str(ROOT)], capture_output=True, text=True,
                           timeout=1800)
    assert built.returncode == 0, built.stderr[-3000:]
    desk = tmp_path / "desk"
    desk.mkdir()
    ran = subprocess.run(["docker", "run", "--rm", "-v", f"{desk}:/srv/briefings",
                          "--user", f"{os.getuid()}:{os.getgid()}", IMAGE],
                         capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert ran.stdout.splitlines()[-1].startswith("Brief for 2025-07-22: ")
    out = desk / "reports" / "2025-07-22"
    assert (out / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "brief.json").stat().st_size > 0
