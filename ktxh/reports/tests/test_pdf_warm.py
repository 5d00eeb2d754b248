"""The job worker's warm LibreOffice (reports/pdf.py): used while it runs, started again
when it died, killed and restarted when it hangs, and per-document soffice otherwise."""

import socket
import threading
from pathlib import Path

import pytest

from ktxh.reports import pdf

TEMPLATE = Path(pdf.__file__).parent / "templates_docx" / "report.docx"


@pytest.fixture
def warm():
    """A real warm converter (skipped without LibreOffice or python3-uno)."""
    if pdf.soffice_path() is None or pdf.uno_python() is None:
        pytest.skip("LibreOffice hoặc python3-uno chưa cài")
    assert pdf.warm_start()
    yield pdf._WARM
    pdf.warm_stop()


def test_the_warm_converter_makes_the_pdf_and_comes_back_after_it_died(warm):
    first = pdf.docx_to_pdf(TEMPLATE.read_bytes())
    assert first.startswith(b"%PDF") and warm.ready
    pid = warm.process.pid
    warm.process.kill()  # the converter dies between two documents
    warm.process.wait()
    again = pdf.docx_to_pdf(TEMPLATE.read_bytes())
    assert again.startswith(b"%PDF") and warm.process.pid != pid and warm.alive()


def test_a_hanging_converter_is_killed_after_the_timeout_and_started_again(monkeypatch):
    silent = socket.socket()  # accepts the request and never answers, as a hung LibreOffice
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    accepted = []
    threading.Thread(target=lambda: accepted.append(silent.accept()), daemon=True).start()
    converter = pdf.WarmConverter("python3", "soffice")
    converter.port, converter.ready = silent.getsockname()[1], True
    restarts = []
    monkeypatch.setattr(converter, "wait_ready", lambda seconds=0: True)
    monkeypatch.setattr(converter, "restart", lambda: restarts.append(1))
    with pytest.raises(pdf.PdfUnavailable, match="sau 1 giây"):
        converter.convert(b"PK docx", timeout=1)
    assert restarts == [1]
    silent.close()


def test_without_a_warm_converter_each_document_gets_its_own_soffice(monkeypatch):
    calls = []
    monkeypatch.setattr(pdf, "_WARM", None)
    monkeypatch.setattr(pdf, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf, "_per_document", lambda soffice, docx, timeout: calls.append(docx) or b"%PDF-1.7")
    assert pdf.docx_to_pdf(b"docx") == b"%PDF-1.7" and calls == [b"docx"]


def test_a_converter_that_refuses_the_document_falls_back_to_per_document(monkeypatch):
    class Refusing:
        def alive(self):
            return True

        def convert(self, docx, timeout):
            raise pdf._WarmFailed

    monkeypatch.setattr(pdf, "_WARM", Refusing())
    monkeypatch.setattr(pdf, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf, "_per_document", lambda soffice, docx, timeout: b"%PDF-own")
    assert pdf.docx_to_pdf(b"docx") == b"%PDF-own"


def test_each_job_worker_starts_the_warm_converter():
    from ktxh.core.jobs import WORKER_STARTS

    assert pdf.warm_start in WORKER_STARTS  # reports/jobs.py, run by `ktxh worker` at start
