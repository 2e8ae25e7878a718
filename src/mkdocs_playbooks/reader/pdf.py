"""A playbook page as a PDF, printed by headless Chromium from the built site.

Chromium prints the page exactly as a reader's browser would print it, with the reader theme's
print styles (no navigation or search, the notices kept, the diagram on one page, link targets
written out), so the PDF needs no layout of its own. It runs once per page, as a separate process
with a time limit; any failure is a :class:`PdfError` that names the page.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import tempfile
from pathlib import Path

PRINT_TIMEOUT = 120  # seconds for one page; a first start of Chromium can take a while
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",  # CI containers run as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--no-first-run",
    "--no-pdf-header-footer",
    "--disable-background-networking",
    "--disable-component-update",
)


class PdfError(Exception):
    pass


def pdf_uri(dest_uri: str, rel_path: str) -> str:
    """Where a page's PDF goes in the site: beside the page's HTML, named after its source
    (``playbooks/x/index.html`` of ``playbooks/x.md`` -> ``playbooks/x/x.pdf``)."""
    stem = posixpath.splitext(posixpath.basename(rel_path))[0]
    return posixpath.join(posixpath.dirname(dest_uri), f"{stem}.pdf")


def find_chromium(name: str) -> str:
    """The Chromium to print with: `name` as a path, or looked up on PATH."""
    found = shutil.which(name)
    if found is None:
        raise PdfError(f"Chromium not found at {name!r}: install it (Debian: apt-get install "
                       "chromium) or name it in plugins.playbook.pdf_chromium, or set pdf: false")
    return found


def print_pdf(chromium: str, page_html: Path, output: Path) -> None:
    """Print the built page `page_html` to `output` (written whole, or not at all)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f".{output.name}.partial")  # renamed into place when whole
    with tempfile.TemporaryDirectory(prefix="playbook-pdf-") as profile:
        command = [chromium, *CHROMIUM_ARGS, f"--user-data-dir={profile}/chromium",
                   f"--print-to-pdf={partial}", page_html.resolve().as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True,
                                  timeout=PRINT_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            partial.unlink(missing_ok=True)
            raise PdfError(f"{page_html}: Chromium did not print it within "
                           f"{PRINT_TIMEOUT} s") from None
        except OSError as error:
            raise PdfError(f"{page_html}: Chromium could not start: {error}") from None
        if done.returncode != 0 or not partial.is_file() or partial.stat().st_size == 0:
            partial.unlink(missing_ok=True)
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise PdfError(f"{page_html}: Chromium did not print it "
                           f"(exit {done.returncode}): {last}")
        os.replace(partial, output)
