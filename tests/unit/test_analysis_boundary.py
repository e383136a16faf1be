"""analysis/ stays a library: no Flask, SQLAlchemy or involve imports anywhere in it."""

from __future__ import annotations

import ast
from pathlib import Path

FORBIDDEN = {"flask", "sqlalchemy", "involve", "flask_sqlalchemy", "flask_login", "flask_wtf"}
ANALYSIS = Path(__file__).resolve().parents[2] / "analysis"


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_analysis_imports_no_web_or_database_code():
    files = sorted(ANALYSIS.rglob("*.py"))
    assert files
    offenders = {str(f.name): imported_roots(f) & FORBIDDEN for f in files}
    assert {name: bad for name, bad in offenders.items() if bad} == {}
