"""CLI conventions: help everywhere, exit codes, JSON output, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import Cli


def test_init_and_status_json(cli: Cli) -> None:
    cli.ok("init")
    result = cli.ok("status", "--json")
    status = json.loads(result.stdout)
    assert status["pending_migrations"] == []
    assert "audit_entry" in status["tables"]


def test_help_on_every_command(sqlite_cli: Cli) -> None:
    from typer.main import get_command

    from watchkeeper.cli import app

    root = get_command(app)
    paths: list[list[str]] = [[]]
    stack = [([], root)]
    while stack:
        prefix, command = stack.pop()
        for name, sub in getattr(command, "commands", {}).items():
            paths.append([*prefix, name])
            stack.append(([*prefix, name], sub))
    for path in paths:
        result = sqlite_cli(*path, "--help")
        assert result.exit_code == 0, path
        assert "Usage" in result.stdout, path


def test_usage_error_exits_2(sqlite_cli: Cli) -> None:
    assert sqlite_cli("no-such-command").exit_code == 2


def test_user_error_is_one_line_exit_1(tmp_path) -> None:
    bad = tmp_path / "ws"
    bad.mkdir()
    (bad / "watchkeeper.toml").write_text("this is = = not toml")
    proc = subprocess.run(
        [sys.executable, "-m", "watchkeeper", "--workspace", str(bad), "status"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "not valid TOML" in proc.stderr


def test_unknown_export_format_is_user_error(sqlite_cli: Cli) -> None:
    result = sqlite_cli("export", "--format", "xml")
    assert result.exit_code == 1
    assert "unknown export format" in result.stderr


def test_cli_start_up_does_not_load_heavy_libraries() -> None:
    """`watchkeeper --help` and light commands must not pay for spaCy, torch, matplotlib and friends."""
    heavy = [
        "spacy",
        "torch",
        "matplotlib",
        "sklearn",
        "datasketch",
        "sentence_transformers",
        "weasyprint",
        "alembic",
    ]
    code = f"import sys, watchkeeper.cli; print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"imported at CLI start-up: {proc.stdout.strip()}"
