"""A translator that marks every text of the kiosk, switched on and off as
``install_language`` swaps translators: the retranslation tests need no compiled .qm file."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTranslator


class MarkingTranslator(QTranslator):
    """Translates every text of the kiosk into the same text between « and »; Qt's own texts
    (contexts of Qt classes) are left alone. Notes what it was asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()
        self.contexts: set[str] = set()

    def translate(
        self,
        context: str,
        sourceText: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        if context.startswith("Q"):
            return ""
        self.asked.add((context, sourceText))
        self.contexts.add(context)
        return f"«{sourceText}»"

    def isEmpty(self) -> bool:
        """Not empty: Qt announces a language change only for a translator with texts."""
        return False


class Language:
    """Switches the marking translator on and off, and lets Qt deliver ``LanguageChange``."""

    def __init__(self) -> None:
        self.translator = MarkingTranslator()
        self._installed = False

    def marked(self) -> None:
        assert QCoreApplication.installTranslator(self.translator)
        self._installed = True
        self._deliver()

    def english(self) -> None:
        assert QCoreApplication.removeTranslator(self.translator)
        self._installed = False
        self._deliver()

    def close(self) -> None:
        if self._installed:
            self.english()

    @staticmethod
    def _deliver() -> None:
        # The application's event first, then the one it posts to each window.
        for _round in range(2):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


@pytest.fixture
def language() -> Iterator[Language]:
    switch = Language()
    yield switch
    switch.close()
