"""Every parser: a result or one clear error, within a time bound, never another
exception (issue 13, "fuzzing"). A few seconds in `make test`; `make fuzz` runs the
same properties with many more examples (KTXH_FUZZ_EXAMPLES)."""

import io
import os
import time
import zipfile
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ktxh.core.safefiles import UnsafeFile, load_yaml, read_csv
from ktxh.core.tests import hostile
from ktxh.engine.numbers import NumberFormatError, parse_number, parse_quantity, storable_number
from ktxh.engine.periods import Period, PeriodError
from ktxh.imports.readers import DocumentError, read_document
from ktxh.imports.tabular import FileRejected, read_rows

pytestmark = pytest.mark.fuzz
EXAMPLES = int(os.environ.get("KTXH_FUZZ_EXAMPLES", 25))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
NUMBERISH = st.text(alphabet="0123456789.,+-−eE %‰ ١２३tấnha", max_size=40) | st.text(max_size=40)


class Timer:
    def __init__(self, seconds: float):
        self.seconds = seconds

    def __enter__(self):
        self.started = time.process_time()

    def __exit__(self, *exc):
        assert time.process_time() - self.started < self.seconds
        return False


@FUZZ
@given(NUMBERISH)
def test_numbers_parse_or_refuse(text):
    with Timer(0.5):
        try:
            value = parse_number(text)
        except NumberFormatError as error:
            assert "Không đọc được số" in str(error)
        else:
            assert value.is_finite() and all(c in "0123456789.,+-−" for c in text.strip())
        try:
            parse_quantity(text)
        except NumberFormatError:
            pass


@FUZZ
@given(st.decimals(allow_nan=True, allow_infinity=True) | st.integers())
def test_the_number_gate_stores_or_refuses(value):
    try:
        assert storable_number(value) == Decimal(value)
    except NumberFormatError as error:
        assert str(error)


@FUZZ
@given(st.text(alphabet="0123456789-QHMTqhmt /năm", max_size=20) | st.text(max_size=20))
def test_periods_parse_or_refuse(text):
    with Timer(0.5):
        try:
            Period.parse(text)
        except PeriodError as error:
            assert str(error)


CELLS = st.lists(st.lists(st.text(max_size=30) | st.sampled_from(["1e400", "NaN", "-inf", "=1+1", "١٢"]),
                          max_size=8), max_size=30)


@FUZZ
@given(CELLS, st.sampled_from([",", ";", "\t"]))
def test_csv_files_read_or_refuse(tmp_path_factory, rows, sep):
    path = tmp_path_factory.mktemp("csv") / "f.csv"
    path.write_text("\n".join(sep.join(r) for r in rows), encoding="utf-8")
    with Timer(2):
        try:
            read_rows(path, max_bytes=1_000_000)
        except FileRejected as error:
            assert str(error)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_as_csv_or_xlsx_read_or_refuse(tmp_path_factory, data):
    for suffix in (".csv", ".xlsx"):
        path = tmp_path_factory.mktemp("bin") / f"f{suffix}"
        path.write_bytes(data)
        with Timer(2):
            try:
                read_rows(path, max_bytes=1_000_000)
            except FileRejected as error:
                assert str(error)


@FUZZ
@given(st.lists(st.lists(st.one_of(st.text(max_size=20), st.integers(), st.floats(allow_nan=False, allow_infinity=False)),
                         max_size=6), max_size=20),
       st.sampled_from(["none", "laughs", "declared", "wide", "inflating", "truncate"]))
def test_xlsx_files_and_their_bombs_read_or_refuse(tmp_path_factory, rows, attack):
    data = hostile.xlsx(rows or [["a"]])
    data = {"none": lambda d: d, "laughs": hostile.laughs, "declared": hostile.declared,
            "wide": lambda d: hostile.wide_row(d, 500), "inflating": lambda d: hostile.inflating(d, 2),
            "truncate": lambda d: d[: len(d) // 2]}[attack](data)
    path = tmp_path_factory.mktemp("xlsx") / "f.xlsx"
    path.write_bytes(data)
    with Timer(5):
        try:
            read_rows(path, max_bytes=50_000_000)
        except FileRejected as error:
            assert str(error)


@FUZZ
@given(st.text(max_size=500))
def test_yaml_reads_or_refuses(text):
    with Timer(1):
        try:
            load_yaml(text, "f.yaml")
        except UnsafeFile as error:
            assert str(error)


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".md", ".docx", ".pdf"]))
def test_report_files_read_or_refuse(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("doc") / f"f{suffix}"
    path.write_bytes(data)
    with Timer(3):
        try:
            read_document(path)
        except DocumentError as error:
            assert str(error)


@FUZZ
@given(st.text(max_size=300), st.sampled_from(["none", "laughs", "inflating", "truncate"]))
def test_docx_reports_read_or_refuse(tmp_path_factory, text, attack):
    import docx

    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("".join(c for c in text if c.isprintable()))
    document.save(out)
    data = out.getvalue()
    if attack == "laughs":
        data = hostile.rewrite(data, "word/document.xml", lambda xml: hostile.LAUGHS + xml.split("?>", 1)[1])
    elif attack == "inflating":
        data = hostile.add_member(data, "word/media/x.bin", b"\0" * (2 * 1024 * 1024))
    elif attack == "truncate":
        data = data[: len(data) // 2]
    path = tmp_path_factory.mktemp("docx") / "f.docx"
    path.write_bytes(data)
    with Timer(3):
        try:
            read_document(path)
        except DocumentError as error:
            assert str(error)


def test_a_zip_that_is_not_office_is_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "x")
    path = tmp_path / "f.xlsx"
    path.write_bytes(out.getvalue())
    with pytest.raises(FileRejected):
        read_rows(path)


@FUZZ
@given(CELLS)
def test_csv_text_bounds(rows):
    text = "\n".join(",".join(r) for r in rows)
    try:
        read_csv(text, "f.csv")
    except UnsafeFile as error:
        assert str(error)
