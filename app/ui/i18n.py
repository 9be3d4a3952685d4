"""The display language at run time: one Qt translator, swapped when the language changes.

The kiosk's texts are written in English. Another language is a compiled Qt translation,
``resources/i18n/stamp_terminal_<code>.qm``; :func:`install_language` removes the translator
installed before and installs the new one, so Qt sends every widget a ``LanguageChange`` event.
The translator is a child of the application named ``TRANSLATOR_NAME``, so nothing is kept in
a global.

A text that depends on what happened (a message, a refusal) is kept as :data:`Words`, a function
that renders it: a widget calls it when it shows the text and again on ``LanguageChange``, so the
text follows the language without the widget keeping the sentence itself.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from app.resources import resource_path

log = logging.getLogger(__name__)

I18N_DIR = resource_path("i18n")
SOURCE_LANGUAGE = "en"
TRANSLATOR_NAME = "stampTerminalTranslator"
_CODE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")

Words = Callable[[], str]
"""A text rendered when it is shown, in the language installed at that moment."""


def as_is(text: str) -> Words:
    """Words shown as they are in every language: a name, or the words of the server or core."""
    return lambda: text


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
