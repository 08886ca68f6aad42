"""The import graph between the apps, as the code has it: every import statement of every
module (at module level and inside functions), read with ``ast`` — nothing is imported.

    python bench/imports.py            # app → app edges with counts, and what breaks the order
    python bench/imports.py --modules  # the same, module by module

The order the apps stand in (README, "Architecture"; STYLE.md, "One direction") is
``ORDER`` below: an app may import only from apps of a lower rank. Reads (selectors,
querysets) never import writes (services). ``tests/test_architecture.py`` applies the same
rules and fails on any import that breaks them.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# rank: an app imports only from apps of a strictly lower rank (and from itself).
ORDER = {
    "documents": -1,  # plain builders of .xlsx/.docx/.ics: import no app, any app may use them
    "notifications": 0,
    "audit": 0,
    "members": 1,
    "meetings": 2,
    "rectification": 3,
    "supervision": 4,
    "records": 5,
}
SKIP_DIRS = {"migrations", "__pycache__"}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # the imported module, dotted
    line: int
    nested: bool  # inside a function or class body

    @property
    def app(self) -> str:
        return self.module.split(".")[0]

    @property
    def target_app(self) -> str:
        return self.target.split(".")[0]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(path: Path) -> list[Import]:
    module = _module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Import] = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda
            )
            if isinstance(child, ast.Import):
                for alias in child.names:
                    found.append(Import(module, alias.name, child.lineno, nested))
            elif isinstance(child, ast.ImportFrom):
                target = _resolve(module, child, path.name == "__init__.py")
                for alias in child.names:
                    # "from meetings.services import drafts" imports meetings.services.drafts
                    found.append(Import(module, f"{target}.{alias.name}", child.lineno, nested))
            visit(child, inner)

    visit(tree, False)
    return found


def app_modules() -> list[Path]:
    files = []
    for app in ORDER:
        if not (ROOT / app).is_dir():
            continue
        for path in sorted((ROOT / app).rglob("*.py")):
            if not SKIP_DIRS & set(path.relative_to(ROOT).parts):
                files.append(path)
    return files


def is_read(module: str) -> bool:
    parts = module.split(".")
    return "selectors" in parts or parts[-1] == "querysets"


def is_write(target: str) -> bool:
    return "services" in target.split(".")


def violations(found: list[Import]) -> list[tuple[Import, str]]:
    """Every import that runs against the order, or a read importing a write."""
    out = []
    for imp in found:
        other = imp.target_app in ORDER and imp.target_app != imp.app
        if other and ORDER[imp.target_app] >= ORDER[imp.app]:
            out.append((imp, "upward"))
        if is_read(imp.module) and is_write(imp.target):
            out.append((imp, "read imports write"))
    return out


def all_imports() -> list[Import]:
    return [imp for path in app_modules() for imp in imports_of(path)]


def main() -> None:
    found = all_imports()
    per_module = "--modules" in sys.argv
    edges: Counter = Counter()
    for imp in found:
        if imp.target_app in ORDER and imp.target_app != imp.app:
            key = (imp.module, imp.target) if per_module else (imp.app, imp.target_app)
            edges[key] += 1
    print("import edges between apps (count of import statements):")
    for (src, dst), n in sorted(edges.items()):
        print(f"  {src:40} -> {dst:40} {n}")
    bad = violations(found)
    ranks = " < ".join(
        "/".join(a for a in ORDER if ORDER[a] == r) for r in sorted(set(ORDER.values()))
    )
    print(f"\nagainst the order {ranks} or read→write: {len(bad)}")
    for imp, why in bad:
        where = "in a function" if imp.nested else "module level"
        print(f"  {imp.module}:{imp.line} imports {imp.target} ({why}, {where})")


if __name__ == "__main__":
    main()
