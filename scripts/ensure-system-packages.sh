#!/usr/bin/env bash
# Installs, from Debian's packages, what the tests need and the machine lacks:
# PostgreSQL 15 (throwaway test cluster), Chromium (browser tests), poppler (PDF to PNG)
# and Liberation fonts (Times New Roman metrics for documents; Liberation Serif 2 is also the
# font of the report charts drawn by matplotlib, ktxh/reports/charts.py),
# LibreOffice and its python uno (report PDFs, the worker's warm converter).
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql-15)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
[ -d /usr/share/fonts/truetype/liberation ] || missing+=(fonts-liberation)
# Report PDFs: LibreOffice converts the DOCX; Liberation 2 has every Vietnamese glyph (1.07 does not).
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
[ -d /usr/share/fonts/truetype/liberation2 ] || missing+=(fonts-liberation2)
# The job worker's warm LibreOffice (unoserver) runs under a python that has LibreOffice's uno.
[ -f /usr/lib/python3/dist-packages/uno.py ] || missing+=(python3-uno)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "ktxh: cài đặt gói hệ thống: ${missing[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
