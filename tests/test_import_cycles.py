"""The modules of the `portfolio` package depend on each other one way: no import cycle, not even one
hidden in a function (an import inside a function still runs, and still ties the two modules together)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "portfolio"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path, known: set[str]) -> set[str]:
    """The package's modules a file imports anywhere in it: `import portfolio.x`, `from portfolio import x`
    (x a module), `from portfolio.x import name`, and relative imports."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            for alias in node.names:
                found.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in known else source)
    return {module for module in found if module in known and module != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imported(path, set(found)) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted; a group is a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(edges[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycle_within_the_portfolio_package():
    edges = graph()
    found = cycles(edges)
    said = [
        " <-> ".join(group) + ": " + "; ".join(f"{m} -> {sorted(edges[m] & set(group))}" for m in group)
        for group in found
    ]
    assert found == [], "\n".join(said)


def test_the_graph_sees_the_imports_it_should():
    """The reader finds imports at the top, inside functions and relative ones, so a cycle cannot hide."""
    edges = graph()
    assert "portfolio.db" in edges["portfolio.analysis"]  # from portfolio import db
    assert "portfolio.i18n" in edges["portfolio.db"]  # inside DatabaseUnavailable.text
    assert "portfolio.compare" in edges["portfolio.overview"]  # from portfolio.compare import ...
    assert len(edges) >= 40


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}, [["a", "b"], ["c", "d"]]),
    ],
)
def test_cycles_finds_every_circle_and_only_circles(edges, expected):
    assert sorted(cycles(edges)) == expected


def test_an_import_inside_a_function_counts(tmp_path, monkeypatch):
    """The two cycles that were here ran through imports inside functions (db -> i18n, analysis -> compare)."""
    package = tmp_path / "portfolio"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from portfolio import b\n")
    (package / "b.py").write_text("def late():\n    from portfolio.a import x\n    return x\n")
    (package / "c.py").write_text("from . import b\n")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    monkeypatch.setitem(globals(), "PACKAGE", package)
    edges = graph()
    assert edges["portfolio.b"] == {"portfolio.a"} and edges["portfolio.c"] == {"portfolio.b"}
    assert cycles(edges) == [["portfolio.a", "portfolio.b"]]
