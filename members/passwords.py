"""Password rules beyond Django's own validators, and one-time passwords.

``CharacterClassValidator`` asks for characters of each configured class (settings:
ORGLIFE_PASSWORD_CLASSES, default letters and digits). Django's validators do the rest:
the minimum length (ORGLIFE_PASSWORD_MIN_LENGTH), not like the login or the name, not a
common password, not all digits (config/settings.py AUTH_PASSWORD_VALIDATORS).
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CLASSES = {
    "letters": (gettext_lazy("字母"), lambda c: c.isascii() and c.isalpha()),
    "lower": (gettext_lazy("小写字母"), lambda c: c.isascii() and c.islower()),
    "upper": (gettext_lazy("大写字母"), lambda c: c.isascii() and c.isupper()),
    "digits": (gettext_lazy("数字"), lambda c: c.isascii() and c.isdigit()),
    "symbols": (gettext_lazy("符号"), lambda c: not c.isalnum() and not c.isspace()),
}


class CharacterClassValidator:
    def __init__(self, classes: Iterable[str] = ("letters", "digits")):
        self.classes = [c.strip() for c in classes if c.strip()]
        unknown = [c for c in self.classes if c not in CLASSES]
        if unknown:
            raise ImproperlyConfigured(
                f"ORGLIFE_PASSWORD_CLASSES: unknown {unknown}; choose from {sorted(CLASSES)}"
            )

    def _names(self) -> str:
        return "、".join(str(CLASSES[c][0]) for c in self.classes)

    def validate(self, password: str, user=None) -> None:
        missing = [c for c in self.classes if not any(map(CLASSES[c][1], password))]
        if missing:
            raise ValidationError(
                _("密码必须同时包含%(classes)s。") % {"classes": self._names()},
                code="password_classes",
            )

    def get_help_text(self) -> str:
        return _("密码必须同时包含%(classes)s。") % {"classes": self._names()}


# No 0/O, 1/l/I: a one-time password is read out or copied by hand.
_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


def one_time_password(groups: int = 3) -> str:
    """A random password such as ``Kp7d-Xa3m-9Qtw`` (71 bits) that passes every class rule:
    lower and upper case letters, digits and a symbol."""
    while True:
        parts = ["".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(groups)]
        candidate = "-".join(parts)
        if all(any(test(c) for c in candidate) for _label, test in CLASSES.values()):
            return candidate
