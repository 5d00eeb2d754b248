"""PDF: LibreOffice (headless) converts the generated DOCX, so the PDF is the Word file.

Each process keeps a private LibreOffice profile (-env:UserInstallation) and converts
one document at a time under a lock; a conversion that hangs is killed after a timeout.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

TIMEOUT_SECONDS = int(os.environ.get("KTXH_PDF_TIMEOUT", 180))
_LOCK = threading.Lock()
_PROFILE_DIR: Path | None = None


class PdfUnavailable(Exception):
    """The PDF cannot be made on this server; the message says why, in Vietnamese."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _profile() -> Path:
    global _PROFILE_DIR
    if _PROFILE_DIR is None or not _PROFILE_DIR.exists():
        _PROFILE_DIR = Path(tempfile.mkdtemp(prefix=f"ktxh-lo-profile-{os.getpid()}-"))
    return _PROFILE_DIR


def docx_to_pdf(docx: bytes, timeout: int = TIMEOUT_SECONDS) -> bytes:
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable(
            "Máy chủ chưa cài LibreOffice nên chưa tạo được PDF (cài gói Debian "
            "libreoffice-writer-nogui và fonts-liberation); tải DOCX rồi xuất PDF bằng Word."
        )
    with _LOCK, tempfile.TemporaryDirectory(prefix="ktxh-pdf-") as tmp:
        source = Path(tmp) / "bao-cao.docx"
        source.write_bytes(docx)
        command = [soffice, f"-env:UserInstallation={_profile().as_uri()}", "--headless", "--norestore",
                   "--nologo", "--nodefault", "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp,
                   str(source)]
        env = dict(os.environ, HOME=tmp)
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                   start_new_session=True)
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # soffice starts children of its own
            process.communicate()
            raise PdfUnavailable(f"LibreOffice không chuyển xong sang PDF sau {timeout} giây.") from None
        result = Path(tmp) / "bao-cao.pdf"
        if process.returncode != 0 or not result.exists():
            detail = stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
            raise PdfUnavailable(f"LibreOffice không tạo được PDF. {detail[0]}".strip())
        return result.read_bytes()
