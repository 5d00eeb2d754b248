"""Every note the demo stores for a person to read (a value's comment on the indicator page,
the entry grid and exports; capital, NTM and task notes) is Vietnamese and cites documents,
never seed files, their line numbers or a developer's English (demo/data/README.md)."""

import re

import pytest

from ktxh.programmes.capital.models import CapitalLine, Disbursement
from ktxh.programmes.ntm.models import CommuneCriterion, VillageAssessment
from ktxh.programmes.tasks.models import Task, TaskUpdate
from ktxh.quality.models import Rule
from ktxh.values.models import DataValue

# English words and developer notation that appeared in the seed notes; none is a Vietnamese word.
_MARKERS = re.compile(
    r"\b(?:the|no|not|is|are|and|of|for|from|with|derived|seed|seeds|gives|says|printed|stored|reading|"
    r"would|body|cell|cells|plan|target|estimate|assumed|legal basis|relative|points|mapped|below)\b"
    r"|->|=>|\b\d{3}:\d+\b|[\w\-]+\.(?:txt|md|csv|ya?ml)\b|\bdocs/|\bis_main\b|\blegal_basis\b",
    re.IGNORECASE)


def _notes():
    yield from (("DataValue.comment", v.pk, v.comment) for v in DataValue.objects.exclude(comment=""))
    yield from (("CapitalLine.note", x.pk, x.note) for x in CapitalLine.objects.exclude(note=""))
    yield from (("Disbursement.note", x.pk, x.note) for x in Disbursement.objects.exclude(note=""))
    yield from (("CommuneCriterion.note", x.pk, x.note) for x in CommuneCriterion.objects.exclude(note=""))
    yield from (("VillageAssessment.note", x.pk, x.note) for x in VillageAssessment.objects.exclude(note=""))
    yield from (("Task.text", x.pk, x.text) for x in Task.objects.exclude(text=""))
    yield from (("TaskUpdate.text", x.pk, x.text) for x in TaskUpdate.objects.exclude(text=""))
    yield from (("Rule.description", x.pk, x.description) for x in Rule.objects.exclude(description=""))


@pytest.mark.django_db
def test_no_stored_note_a_person_reads_is_a_developer_note():
    notes = list(_notes())
    assert sum(1 for kind, *_ in notes if kind == "DataValue.comment") > 200  # the demo's comments are there
    bad = [(kind, pk, text) for kind, pk, text in notes if _MARKERS.search(text)]
    assert not bad, "\n".join(f"{kind} {pk}: {text}" for kind, pk, text in bad[:20]) + f"\n({len(bad)} in all)"


def test_the_markers_catch_the_old_seed_notes_and_pass_vietnamese_ones():
    assert _MARKERS.search("§III: 'vượt KH' without a figure -> no 2023 target derivable")
    assert _MARKERS.search("004:130 says 'đạt 45 triệu đồng/người'")
    assert _MARKERS.search("(QĐ 935/QĐ-UBND ngày 28/8/2017, 003:144)")
    assert _MARKERS.search("nguồn 003_bf25f5b26571fa20.txt")
    assert not _MARKERS.search("Báo cáo ghi 7.367.800 triệu đồng = 7.367,8 tỷ đồng (đã đổi sang đơn vị của chỉ tiêu)")
    assert not _MARKERS.search("Kế hoạch thoát nghèo (dòng 130) ghi 'đạt 45 triệu đồng/người' (không có 'trở lên')")
