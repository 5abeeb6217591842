"""The import graph of ``tutorial_code``: which of its modules each imports.

One graph serves both questions the build asks: in which order the lessons
run (a lesson after the lessons it imports) and what a lesson's results
depend on (every module it imports, directly or through others, which is
what its cache key hashes).
"""

import ast
from pathlib import Path

PACKAGE = "tutorial_code"


def module_file(project: Path, module: str) -> Path | None:
    """The source file of ``module`` in ``project``, if it is ours."""
    base = project.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def import_graph(project: Path) -> dict[str, set[str]]:
    """Every module of the package -> the package's modules it imports.

    Imports anywhere in a module count (inside functions too), and so do
    the packages a module's import runs (``a/__init__.py`` for ``a.b``).
    """
    graph = {}
    for path in sorted((project / PACKAGE).rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = path.relative_to(project).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        graph[module] = _imports(project, path, module)
    return graph


def dependencies(graph: dict[str, set[str]], module: str) -> set[str]:
    """The modules ``module`` imports, directly or through others."""
    found: set[str] = set()
    todo = list(graph.get(module, ()))
    while todo:
        current = todo.pop()
        if current not in found and current != module:
            found.add(current)
            todo += graph.get(current, ())
    return found


def _imports(project: Path, path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module, is_package)
            names.append(base)
            names += [f"{base}.{alias.name}" for alias in node.names]
    found = set()
    for name in names:
        parts = name.split(".")
        # The module and the packages its import runs.
        for end in range(1, len(parts) + 1):
            candidate = ".".join(parts[:end])
            if parts[0] == PACKAGE and module_file(project, candidate):
                found.add(candidate)
    found.discard(module)
    return found


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The absolute name of ``from <node.module> import ...``."""
    if not node.level:
        return node.module or ""
    package = module.split(".")
    if not is_package:
        package = package[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])
