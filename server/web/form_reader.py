"""Reading a posted dashboard form field by field, collecting every field's message.

``pages.field()`` and ``pages.whole_number()`` stop at the first field that cannot be used.
A shop owner who typed several things wrong should see all the messages at once, next to
their fields, and keep what they typed; ``FormReader`` reads each field with those same
functions and keeps going, and its ``FormState`` (the values typed and the messages) is what a
page renders again with status 400. Any dashboard page with a form can use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from starlette.datastructures import FormData

from server.web.pages import FormError, whole_number
from server.web.pages import field as text_field


@dataclass(slots=True)
class FormState:
    """One form of a page: the values shown in its fields and the messages next to them."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)


class FormReader:
    """Reads the fields of a posted form, collecting every field's message (not only the
    first) so that the shop owner can fix them all at once."""

    def __init__(self, form: FormData, names: Iterable[str]) -> None:
        self.form = form
        self.state = FormState({name: _typed(form, name) for name in names})

    @property
    def errors(self) -> dict[str, str]:
        return self.state.errors

    def text(self, name: str, *, required: bool = True, max_length: int = 500) -> str:
        try:
            return text_field(self.form, name, required=required, max_length=max_length)
        except FormError as error:
            self.errors[error.field] = str(error)
            return ""

    def number(self, name: str, *, minimum: int, maximum: int) -> int:
        try:
            return whole_number(self.form, name, minimum=minimum, maximum=maximum)
        except FormError as error:
            self.errors[error.field] = str(error)
            return minimum

    def checked(self, name: str) -> bool:
        return self.form.get(name) is not None

    def choice(self, name: str, choices: Iterable[str], message: str) -> str:
        value = self.form.get(name)
        if isinstance(value, str) and value in choices:
            return value
        self.errors[name] = message
        return ""


def _typed(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""
