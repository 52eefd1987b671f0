"""The distribution: an sdist and a wheel built from the checkout (the wheel from the sdist, as
an installer builds it) install in a new virtual environment in another folder, and the
installed `workbook` runs there on the seed bundled inside it."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

import workbook

TOP = Path(__file__).resolve().parent.parent


def run(*command: str | Path, cwd: Path) -> str:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    # No isolation: the build backend (hatchling) is installed, and nothing is downloaded.
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, TOP, cwd=TOP)
    return dist


def test_the_sdist_and_the_wheel_carry_the_package_and_its_seed(built: Path) -> None:
    import tarfile
    import zipfile

    (sdist,) = built.glob("debate_workbook-*.tar.gz")
    (wheel,) = built.glob("debate_workbook-*-py3-none-any.whl")
    assert wheel.name.startswith(f"debate_workbook-{workbook.__version__}-")
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "workbook/positions/soleimani-blowback.toml",
        "workbook/positions/soleimani-blowback.txt",
        "workbook/tui/app.tcss",
        "workbook/commands/__init__.py",
    ):
        assert needed in names
    assert not [name for name in names if name.startswith("tests/")]
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert any(name.endswith("/positions/soleimani-blowback.toml") for name in members)
    assert not [name for name in members if "node_modules" in name]


def test_the_wheel_installs_in_a_new_environment_and_runs_on_its_bundled_seed(
    built: Path, tmp_path: Path
) -> None:
    (wheel,) = built.glob("debate_workbook-*.whl")
    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    bin_folder = env / "bin"
    run(bin_folder / "python", "-m", "pip", "install", "-q", wheel, cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"  # not the checkout: nothing is found from it
    elsewhere.mkdir()
    version = run(bin_folder / "workbook", "--version", cwd=elsewhere)
    assert version.strip() == f"workbook {workbook.__version__}"
    found = run(
        bin_folder / "python",
        "-c",
        "import workbook; from workbook.storage.places import seed_path;"
        "print(workbook.__file__); print(seed_path())",
        cwd=elsewhere,
    ).split("\n")
    package, seed = Path(found[0]).parent, Path(found[1])
    assert package.is_relative_to(env) and seed.is_relative_to(package)
    checked = run(bin_folder / "workbook", "check", seed, cwd=elsewhere)
    assert checked.startswith(f"{seed}: 28 claims, ")
    run(bin_folder / "workbook", "export", seed, "-o", "brief.md", cwd=elsewhere)
    assert (elsewhere / "brief.md").read_text(encoding="utf-8").startswith("# ")
