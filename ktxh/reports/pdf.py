"""PDF: LibreOffice (headless) converts the generated DOCX, so the PDF is the Word file.

Two ways, the first preferred:

- **A warm converter**: one LibreOffice kept running beside the job worker by unoserver
  (PyPI), spoken to over XML-RPC on 127.0.0.1. `ktxh worker` starts it (`warm_start`);
  unoserver's server needs LibreOffice's python module `uno` (Debian python3-uno), so it
  runs under the first interpreter that has it (`KTXH_UNO_PYTHON`, this one, /usr/bin/python3).
  A conversion longer than the timeout makes unoserver kill LibreOffice; a converter that
  hung or died is killed and started again for the next document.
- **Per document**: `soffice --convert-to pdf` with a private profile (a few seconds of
  start-up each), when there is no warm converter (web process, CLI, tests, no
  python3-uno) or it failed on this document.
"""

import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xmlrpc.client
from pathlib import Path

TIMEOUT_SECONDS = int(os.environ.get("KTXH_PDF_TIMEOUT", 180))
START_SECONDS = 120  # LibreOffice's first start with a fresh profile, on a loaded machine
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
    warm = _WARM
    if warm is not None:
        if not warm.alive():
            warm.restart()  # it died (killed, or a timeout ended it): it serves this document again
        try:
            return warm.convert(docx, timeout)
        except _WarmFailed:
            pass  # the converter died or refused this document: one LibreOffice of its own
    return _per_document(soffice, docx, timeout)


def _per_document(soffice: str, docx: bytes, timeout: int) -> bytes:
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


# --- The warm converter (unoserver) ---------------------------------------------------

class _WarmFailed(Exception):
    """The warm converter could not convert this document (not a timeout)."""


# unoserver's server, and a thread that ends its process group (LibreOffice included) once the
# worker that started it is gone, even killed with SIGKILL: no LibreOffice is left behind.
_LAUNCH = """
import os, signal, sys, threading, time
parent = os.getppid()
def orphaned():
    while os.getppid() == parent:
        time.sleep(1)
    os.killpg(0, signal.SIGKILL)
threading.Thread(target=orphaned, daemon=True).start()
sys.path.append(sys.argv.pop(1))
sys.argv[0] = "unoserver"
from unoserver.server import main
sys.exit(main())
"""
_UNO_PYTHON: list = []


def uno_python() -> str | None:
    """An interpreter that imports LibreOffice's `uno` (checked once per process)."""
    if not _UNO_PYTHON:
        candidates = [os.environ.get("KTXH_UNO_PYTHON"), sys.executable, "/usr/bin/python3"]
        found = None
        for candidate in filter(None, candidates):
            try:
                if subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30).returncode == 0:
                    found = candidate
                    break
            except (OSError, subprocess.TimeoutExpired):
                continue
        _UNO_PYTHON.append(found)
    return _UNO_PYTHON[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Transport(xmlrpc.client.Transport):
    def __init__(self, timeout: float):
        super().__init__()
        self._timeout = timeout

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = self._timeout
        return connection


class WarmConverter:
    """One unoserver (and its LibreOffice) in a process group of its own."""

    def __init__(self, python: str, soffice: str):
        self.python, self.soffice = python, soffice
        self.process: subprocess.Popen | None = None
        self.profile: Path | None = None
        self.port = 0
        self.ready = False
        self.lock = threading.Lock()  # one document at a time, as LibreOffice converts them

    def start(self) -> None:
        import unoserver  # the package is pure Python; its server runs under self.python

        site = str(Path(unoserver.__file__).resolve().parent.parent)
        profile = Path(tempfile.mkdtemp(prefix=f"ktxh-lo-warm-{os.getpid()}-"))
        self.port, uno_port = _free_port(), _free_port()
        command = [self.python, "-c", _LAUNCH, site, "--interface", "127.0.0.1", "--uno-interface", "127.0.0.1",
                   "--port", str(self.port), "--uno-port", str(uno_port), "--executable", self.soffice,
                   "--user-installation", str(profile), "--libreoffice-pid-file", str(profile / "soffice.pid"),
                   "--conversion-timeout", str(TIMEOUT_SECONDS), "--quiet"]
        self.ready, self.profile = False, profile
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        env=dict(os.environ, HOME=str(profile)), start_new_session=True)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.process is not None:
            try:  # the whole group, even when unoserver itself is gone: the LibreOffice it started
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        pid_file = self.profile / "soffice.pid" if self.profile else None
        if pid_file is not None and pid_file.exists():  # LibreOffice may have left the group
            text = pid_file.read_text().strip()
            if text.isdigit() and int(text) > 1:
                try:
                    os.kill(int(text), signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        if self.profile is not None:
            shutil.rmtree(self.profile, ignore_errors=True)
        self.process, self.ready, self.profile = None, False, None

    def restart(self) -> None:
        self.stop()
        self.start()

    def _proxy(self, timeout: float):
        return xmlrpc.client.ServerProxy(f"http://127.0.0.1:{self.port}", allow_none=True,
                                         transport=_Transport(timeout))

    def wait_ready(self, seconds: float = START_SECONDS) -> bool:
        """True once the converter answers (the first document waits for LibreOffice to start
        rather than starting a second one)."""
        deadline = time.monotonic() + seconds
        while not self.ready and self.alive() and time.monotonic() < deadline:
            try:
                with self._proxy(5) as proxy:
                    proxy.info()
                self.ready = True
            except (OSError, xmlrpc.client.Error):
                time.sleep(0.2)
        return self.ready

    def convert(self, docx: bytes, timeout: int) -> bytes:
        with self.lock:
            if not self.wait_ready():
                self.restart()  # for the next document; this one gets a LibreOffice of its own
                raise _WarmFailed
            try:
                with self._proxy(timeout) as proxy:
                    result = proxy.convert(None, xmlrpc.client.Binary(docx), None, "pdf", "writer_pdf_Export",
                                           [], False, None, None)
            except TimeoutError:  # socket timeout: LibreOffice hangs on this document
                self.restart()
                raise PdfUnavailable(f"LibreOffice không chuyển xong sang PDF sau {timeout} giây.") from None
            except (OSError, xmlrpc.client.Error) as error:
                self.restart()
                raise _WarmFailed from error
            if result is None or not bytes(result.data).startswith(b"%PDF"):
                raise _WarmFailed
            return bytes(result.data)


_WARM: WarmConverter | None = None


def warm_start() -> bool:
    """Start the warm converter of this process (`ktxh worker`); False (and documents are
    converted one LibreOffice each) without LibreOffice, unoserver or python3-uno, or with
    KTXH_PDF_WARM=0."""
    global _WARM
    if os.environ.get("KTXH_PDF_WARM", "1") == "0" or _WARM is not None:
        return _WARM is not None
    soffice, python = soffice_path(), uno_python()
    try:
        import unoserver  # noqa: F401
    except ImportError:
        return False
    if soffice is None or python is None:
        return False
    _WARM = WarmConverter(python, soffice)
    _WARM.start()
    atexit.register(warm_stop)
    return True


def warm_stop() -> None:
    global _WARM
    if _WARM is not None:
        _WARM.stop()
        _WARM = None
