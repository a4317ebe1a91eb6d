"""Every widget opens alone (python -m fewshot_studio.gui.preview NAME) with sample data."""
from __future__ import annotations

import pytest

from fewshot_studio.gui import preview


@pytest.mark.parametrize("name", sorted(set(preview.PREVIEWS) - {"window"}))
def test_preview_builds(qtbot, name):
    widget = preview.PREVIEWS[name]()
    qtbot.addWidget(widget)
    widget.show()
    assert widget.isVisible()


def test_sample_snapshot_is_consistent():
    project = preview.demo_project()
    snap = preview.sample_snapshot(project)
    assert snap.confusion.sum() == snap.n_heldout == len(snap.heldout)
    assert len(snap.test) == len(project.test_pool)
