"""The apps import in one direction only, and reads never import writes.

Every import statement of every module of the apps — at module level and inside functions
— is read with ``ast`` (``bench/imports.py``, which also prints the whole graph). An import
from an app of the same or a later rank (``notifications < members < meetings <
rectification < supervision``), or a selector or queryset module importing a service,
fails here. ``KNOWN`` would list one still in the code, with what removes it; it is empty
(issue 14 removed the last) and may stay so — a new one fails, and so does an entry that is
gone from the code.
"""

from __future__ import annotations

from bench.imports import all_imports, imports_of, violations

# (importing module, imported module) → why it is still there.
KNOWN: dict[tuple[str, str], str] = {}


def test_no_import_runs_against_the_order_of_the_apps():
    found = {(imp.module, imp.target): why for imp, why in violations(all_imports())}
    new = {k: v for k, v in found.items() if k not in KNOWN}
    assert not new, "imports against the order (or a read importing a write):\n" + "\n".join(
        f"  {m} imports {t} ({why})" for (m, t), why in sorted(new.items())
    )
    gone = set(KNOWN) - set(found)
    assert not gone, f"no longer in the code, remove from KNOWN: {sorted(gone)}"


def test_the_check_sees_imports_inside_functions(tmp_path, monkeypatch):
    """The parser finds an import hidden in a function, relative imports included, so the
    test above cannot pass by not looking."""
    import bench.imports as graph

    app = tmp_path / "meetings" / "selectors"
    app.mkdir(parents=True)
    module = app / "probe.py"
    module.write_text(
        "def f():\n    from rectification.services.ledger import x\n"
        "from ..services import drafts\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(graph, "ROOT", tmp_path)
    found = imports_of(module)
    assert {(i.target, i.nested) for i in found} == {
        ("rectification.services.ledger.x", True),
        ("meetings.services.drafts", False),
    }
    reasons = sorted(why for _imp, why in violations(found))
    assert reasons == ["read imports write", "read imports write", "upward"]
