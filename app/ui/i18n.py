"""The display language at run time: one Qt translator, swapped when the language changes.

The kiosk's texts are written in English. Another language is a compiled Qt translation,
``resources/i18n/stamp_terminal_<code>.qm``; :func:`install_language` removes the translator
installed before and installs the new one, so Qt sends every widget a ``LanguageChange`` event.
The translator is a child of the application named ``TRANSLATOR_NAME``, so nothing is kept in
a global.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
SOURCE_LANGUAGE = "en"
TRANSLATOR_NAME = "stampTerminalTranslator"
_CODE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")


def translation_file(code: str, directory: Path = I18N_DIR) -> Path:
    """The compiled translation for the language ``code``."""
    return directory / f"stamp_terminal_{code}.qm"


def install_language(app: QCoreApplication, code: str, directory: Path = I18N_DIR) -> bool:
    """Show the texts in the language ``code`` (``en``: the texts as written).

    False, with a log line, when that language's translation is missing or cannot be read;
    the texts are then shown as written.
    """
    for previous in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(previous)
        previous.setObjectName("")
        previous.deleteLater()
    if code == SOURCE_LANGUAGE:
        return True
    if not _CODE.fullmatch(code):
        log.warning("'%s' is not a language code; the texts stay in English", code)
        return False
    path = translation_file(code, directory)
    if not path.is_file():
        log.warning(
            "no translation for '%s' (%s is missing); the texts stay in English", code, path
        )
        return False
    translator = QTranslator(app)
    if not translator.load(str(path)):
        translator.deleteLater()
        log.warning("the translation %s cannot be read; the texts stay in English", path)
        return False
    translator.setObjectName(TRANSLATOR_NAME)
    app.installTranslator(translator)
    return True
