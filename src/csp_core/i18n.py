"""Languages: every public word from a gettext message catalogue, dates and numbers from Babel.

A :class:`Language` is one language's words: its gettext catalogues (the core's, then those a
plugin adds with :class:`Catalogue`) and its Babel locale for day and month names, numbers and
plural rules.  Messages are written in British English in the code, marked for extraction
(``_("Cancelled")``, :func:`N_`), and looked up in the compiled catalogue of the language:
``src/csp_core/locale/<locale>/LC_MESSAGES/csp_core.mo``, compiled from the ``.po`` file at
build and install time (the build hook in ``hatch_build.py``).  How to add a language or a
message: docs/languages.md.

Babel's locale data (CLDR) ships with the Babel release, not the machine, so the same input
gives the same words on every machine.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Mapping
from importlib import resources

import attrs
from babel import Locale

__all__ = [
    "ENGLISH",
    "LANGUAGES",
    "N_",
    "Catalogue",
    "Language",
    "MissingCatalogue",
    "language",
]

#: The languages the library speaks, as BCP 47 tags, with their Babel locale names.  British
#: English is the language of the code's messages; Welsh is for partnerships in Wales (Welsh
#: Language Standards).  Adding one: docs/languages.md.
LANGUAGES: Mapping[str, str] = {"en-GB": "en_GB", "cy": "cy"}

_DOMAIN = "csp_core"


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it here (a table's label)."""
    return message


@attrs.frozen
class Catalogue:
    """A plugin's own messages: ``Catalogue("csp_html", "csp_html")``.

    The catalogue is ``<package>/locale/<locale>/LC_MESSAGES/<domain>.mo`` inside the package,
    compiled from its ``.po`` file when the plugin is built or installed.
    """

    package: str
    domain: str


class MissingCatalogue(LookupError):
    """A language's compiled catalogue is not installed (the build step was skipped)."""


@attrs.frozen(eq=False)
class Language:
    """One language's words: gettext messages, Babel dates, numbers and plurals."""

    tag: str
    """BCP 47, as pages and feeds declare it: 'en-GB', 'cy'."""
    locale: Locale
    translations: gettext.NullTranslations
    """The catalogues, the plugin's first and the core's last (gettext fallbacks)."""

    def gettext(self, message: str, /, **values: object) -> str:
        """``message`` in this language, with its ``{names}`` filled in from ``values``.

        ``gettext("Meeting announced: {meeting}", meeting=label)``; without ``values`` the
        message is returned as the catalogue has it (braces untouched).
        """
        found = self.translations.gettext(message)
        return found.format(**values) if values else found

    def ngettext(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The form of a message for ``count`` (Welsh has six), with ``{count}`` filled in.

        ``ngettext("{count} working day", "{count} working days", 2)``: '2 working days'.
        """
        return self.translations.ngettext(singular, plural, count).format(count=count, **values)

    def __repr__(self) -> str:
        return f"Language({self.tag!r})"


def _translations(package: str, domain: str, locale: str) -> gettext.GNUTranslations:
    path = resources.files(package) / "locale" / locale / "LC_MESSAGES" / f"{domain}.mo"
    try:
        with path.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except FileNotFoundError:
        msg = (
            f"the {locale} message catalogue of {package} is not compiled ({domain}.mo is "
            "missing): reinstall the package (pip install .) so its build step compiles it"
        )
        raise MissingCatalogue(msg) from None


@functools.cache
def language(tag: str, *catalogues: Catalogue) -> Language:
    """The :class:`Language` of ``tag`` ('en-GB', 'cy'), with plugins' ``catalogues`` first.

    Cached: each language is read once per process.

    Raises:
        KeyError: ``tag`` is not one of :data:`LANGUAGES`.
        MissingCatalogue: a catalogue was not compiled.
    """
    locale = LANGUAGES[tag]
    chain = _translations("csp_core", _DOMAIN, locale)
    for catalogue in reversed(catalogues):
        own = _translations(catalogue.package, catalogue.domain, locale)
        own.add_fallback(chain)
        chain = own
    return Language(tag=tag, locale=Locale.parse(locale), translations=chain)


#: British English, the default language of every output.
ENGLISH = language("en-GB")
