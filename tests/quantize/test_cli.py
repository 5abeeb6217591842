"""The command: every kind of image in, an indexed PNG out; bad input refused.

Bad input must end with exit status 2 and one line on stderr, write no
output file (not even a temporary one) and leave the input as it was.
"""

import inspect
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tutorial_code.quantize import cli
from tutorial_code.quantize.quantizer import quantize

from ..conftest import run_python
from .images import INPUTS, write_decompression_bomb, write_rgb_png

SUMMARY = re.compile(
    r"(?P<input>\S+) -> (?P<output>\S+): (?P<before>[\d,]+) colours -> "
    r"(?P<after>\d+), PSNR (?P<psnr>[\d.]+|inf) dB, "
    r"(?P<input_bytes>[\d,]+) -> (?P<output_bytes>[\d,]+) bytes, "
    r"\d+\.\d\d s"
)


def run(capsys, *argv: str | Path) -> tuple[int, str, str]:
    status = cli.main([str(x) for x in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("name", INPUTS)
def test_every_kind_of_image_round_trips(name, tmp_path, capsys):
    write, size, transparent = INPUTS[name]
    write(tmp_path / name)
    output = tmp_path / "out.png"
    status, out, err = run(capsys, tmp_path / name, output, "--colors", "8")
    assert status == 0, err
    summary = SUMMARY.fullmatch(out.strip())
    assert summary, out
    assert int(summary["after"]) <= 8
    assert int(summary["output_bytes"].replace(",", "")) == (
        output.stat().st_size
    )
    with Image.open(output) as png:
        assert png.mode == "P"
        assert png.size == size
        assert len(png.getcolors()) <= 8
        rgba = np.asarray(png.convert("RGBA"))
    assert (rgba[..., 3] < 255).any() == transparent


def test_alpha_survives_quantization(tmp_path, capsys):
    INPUTS["rgba.png"][0](tmp_path / "in.png")
    status, _, err = run(capsys, tmp_path / "in.png", tmp_path / "out.png")
    assert status == 0, err
    alpha_in = np.asarray(Image.open(tmp_path / "in.png"))[..., 3]
    with Image.open(tmp_path / "out.png") as png:
        alpha_out = np.asarray(png.convert("RGBA"))[..., 3]
    assert (alpha_out[alpha_in == 0] == 0).all()
    assert (alpha_out[alpha_in == 255] > 200).all()
    assert np.abs(alpha_out.astype(int) - alpha_in).mean() < 10


def test_too_few_colours_are_reported_and_all_kept(tmp_path, capsys):
    INPUTS["tiny.png"][0](tmp_path / "tiny.png")
    status, out, err = run(capsys, tmp_path / "tiny.png", tmp_path / "o.png")
    assert status == 0
    assert "3 colours -> 3," in out
    assert "PSNR inf dB" in out
    assert "only 3 distinct colours" in err


def write_text(path: Path) -> None:
    path.write_text("this is not a JPEG file\n")


def write_truncated_jpeg(path: Path) -> None:
    write_rgb_png(path.with_suffix(".png"))
    Image.open(path.with_suffix(".png")).save(path, quality=95)
    path.with_suffix(".png").unlink()
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


# name: (input file name, how to make it or None, extra arguments, message)
BAD_INPUTS = {
    "missing file": ("missing.jpg", None, [], "no such file"),
    "a directory": ("folder.jpg", Path.mkdir, [], "is a directory"),
    "an empty file": ("empty.jpg", Path.touch, [], "not an image file"),
    "a text file named .jpg": ("text.jpg", write_text, [], "not an image"),
    "a truncated image": ("cut.jpg", write_truncated_jpeg, [], "truncated"),
    "a decompression bomb": (
        "bomb.png",
        write_decompression_bomb,
        [],
        "decompression bomb",
    ),
    "0 colours": ("in.png", write_rgb_png, ["--colors", "0"], "2 to 256"),
    "1 colour": ("in.png", write_rgb_png, ["--colors", "1"], "2 to 256"),
    "negative colours": ("in.png", write_rgb_png, ["--colors=-4"], "2 to 256"),
    "257 colours": ("in.png", write_rgb_png, ["--colors", "257"], "2 to 256"),
    "colours not a number": (
        "in.png",
        write_rgb_png,
        ["--colors", "x"],
        "'x'",
    ),
    "sample of 0 pixels": (
        "in.png",
        write_rgb_png,
        ["--sample", "0"],
        "least",
    ),
    "negative seed": ("in.png", write_rgb_png, ["--seed=-1"], "at least 0"),
}


def files_in(folder: Path) -> dict[str, bytes | None]:
    return {
        p.name: None if p.is_dir() else p.read_bytes()
        for p in folder.iterdir()
    }


def assert_refused(capsys, argv, message: str, folder: Path) -> None:
    """Exit 2, one line naming the problem, no file written or changed."""
    before = files_in(folder)
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith("kmeans-quantize: error: ")
    assert message in err
    assert files_in(folder) == before


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_is_refused_cleanly(case, tmp_path, capsys):
    name, make, extra, message = BAD_INPUTS[case]
    if make is not None:
        make(tmp_path / name)
    argv = [tmp_path / name, tmp_path / "out.png", *extra]
    assert_refused(capsys, argv, message, tmp_path)


def test_an_unwritable_folder_is_refused(tmp_path, capsys):
    write_rgb_png(tmp_path / "in.png")
    # Nobody, not even root, may create files in /proc.
    argv = [tmp_path / "in.png", "/proc/out.png"]
    assert_refused(capsys, argv, "cannot write /proc/out.png", tmp_path)
    assert not Path("/proc/out.png").exists()


def test_a_missing_output_folder_is_refused(tmp_path, capsys):
    write_rgb_png(tmp_path / "in.png")
    argv = [tmp_path / "in.png", tmp_path / "nowhere" / "out.png"]
    assert_refused(capsys, argv, "no such folder", tmp_path)


def test_an_output_that_is_not_png_is_refused(tmp_path, capsys):
    write_rgb_png(tmp_path / "in.png")
    argv = [tmp_path / "in.png", tmp_path / "out.jpg"]
    assert_refused(capsys, argv, "must be a .png file", tmp_path)


def test_the_input_is_not_replaced_without_force(tmp_path, capsys):
    write_rgb_png(tmp_path / "in.png")
    argv = [tmp_path / "in.png", tmp_path / "in.png"]
    assert_refused(capsys, argv, "--force", tmp_path)
    (tmp_path / "link.png").symlink_to(tmp_path / "in.png")
    argv = [tmp_path / "link.png", tmp_path / "in.png"]
    assert_refused(capsys, argv, "--force", tmp_path)


def test_force_replaces_the_input(tmp_path, capsys):
    write_rgb_png(tmp_path / "in.png")
    argv = [tmp_path / "in.png", tmp_path / "in.png", "--force"]
    status, _, err = run(capsys, *argv)
    assert status == 0, err
    assert [p.name for p in tmp_path.iterdir()] == ["in.png"]
    assert Image.open(tmp_path / "in.png").mode == "P"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_for_large_images(tmp_path, monkeypatch):
    write_rgb_png(tmp_path / "in.png")
    arguments = cli.parser().parse_args(
        [str(tmp_path / "in.png"), str(tmp_path / "out.png")]
    )
    terminal = Terminal()
    cli.run(arguments, terminal)
    assert terminal.getvalue() == ""  # small image: no progress
    monkeypatch.setattr(cli, "PROGRESS_PIXELS", 100)
    monkeypatch.setattr(cli, "CHUNK_SIZE", 1000)
    cli.run(arguments, terminal)
    shown = terminal.getvalue()
    assert "assigning pixels to colours 100%" in shown
    assert "writing the PNG file" in shown
    assert shown.endswith("\r\x1b[K")  # the line is cleared at the end
    not_a_terminal = io.StringIO()
    cli.run(arguments, not_a_terminal)
    assert not_a_terminal.getvalue() == ""


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "tutorial_code.quantize"],
        [str(Path(sys.executable).with_name("kmeans-quantize"))],
    ],
    ids=["python -m", "console script"],
)
def test_the_installed_commands_run(command, tmp_path):
    assert shutil.which(command[0])
    write_rgb_png(tmp_path / "in.png")
    good = subprocess.run(
        [*command, "in.png", "out.png", "--colors", "4"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert good.returncode == 0, good.stderr
    assert SUMMARY.fullmatch(good.stdout.strip())


def test_the_installed_command_refuses_bad_input_in_one_line(tmp_path):
    """As a process, too: exit status 2, one line, no traceback."""
    command = Path(sys.executable).with_name("kmeans-quantize")
    bad = subprocess.run(
        [str(command), "missing.png", "out.png"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1
    assert "Traceback" not in bad.stderr
    assert not (tmp_path / "out.png").exists()
    assert not (tmp_path / "out2.png").exists()


def test_bad_input_is_refused_before_the_heavy_imports(tmp_path):
    """At once: scikit-learn and Numba take seconds to import."""
    script = (
        "import sys\n"
        "from tutorial_code.quantize.cli import main\n"
        "assert main(['missing.png', 'out.png']) == 2\n"
        "print(*sorted({'sklearn', 'numba'} & set(sys.modules)))\n"
    )
    assert run_python(script, cwd=tmp_path).strip() == ""


def test_the_help_shows_the_quantizers_default_sample_size():
    default = inspect.signature(quantize).parameters["sample_size"].default
    assert default == cli.SAMPLE_SIZE
    assert f"(default: {default})" in " ".join(
        cli.parser().format_help().split()
    )
