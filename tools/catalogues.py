"""Keep the message catalogues in step with the code: extract, update, fill British English.

    python tools/catalogues.py            # every package: csp_core and the in-repo plugins

For each package with a ``locale`` folder it extracts the messages of its Python code (and
Jinja2 templates, where it has them) into ``locale/<domain>.pot``, updates each language's
``.po`` from it (new messages empty, for translators; messages no longer used dropped), and
fills the British English catalogue with the message itself, since the code's messages are
British English.  Compiling is the build's job (``hatch_build.py``).  docs/languages.md says
how to translate.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
#: (package folder, domain): the core and each in-repo plugin with a catalogue.
PACKAGES = [
    (ROOT / "src/csp_core", "csp_core"),
    (ROOT / "plugins/csp-html/src/csp_html", "csp_html"),
    (ROOT / "plugins/csp-ical/src/csp_ical", "csp_ical"),
    (ROOT / "plugins/csp-rss/src/csp_rss", "csp_rss"),
    (ROOT / "plugins/csp-opendata/src/csp_opendata", "csp_opendata"),
    (ROOT / "plugins/csp-email/src/csp_email", "csp_email"),
]
LOCALES = ("en_GB", "cy")


def pybabel(*args: str) -> None:
    """Run Babel's command line (``pybabel``) with ``args``."""
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True)  # noqa: S603


def update(package: Path, domain: str) -> None:
    """Extract ``package``'s messages and bring each language's catalogue up to date."""
    locale = package / "locale"
    if not locale.is_dir():
        return
    pot = locale / f"{domain}.pot"
    config = package / "babel.cfg"
    mapping = ["-F", str(config)] if config.exists() else []
    pybabel(
        "extract",
        *mapping,
        "--no-location",
        "--omit-header",
        "--sort-output",
        "-o",
        str(pot),
        str(package),
    )
    for code in LOCALES:
        po = locale / code / "LC_MESSAGES" / f"{domain}.po"
        if po.exists():
            pybabel(
                "update",
                "-i",
                str(pot),
                "-o",
                str(po),
                "-l",
                code,
                "--ignore-obsolete",
                "--no-fuzzy-matching",
            )
        else:
            pybabel("init", "-i", str(pot), "-o", str(po), "-l", code, "-D", domain)
    english = locale / "en_GB" / "LC_MESSAGES" / f"{domain}.po"
    with english.open("rb") as handle:
        catalogue = read_po(handle, locale="en_GB")
    for message in catalogue:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and not all(strings):
            message.string = message.id
    with english.open("wb") as handle:
        write_po(handle, catalogue, no_location=True, sort_output=True)


def main() -> None:
    """Update every package's catalogues."""
    for package, domain in PACKAGES:
        update(package, domain)


if __name__ == "__main__":
    main()
