"""The desk's words in the operator's language: gettext catalogues (Babel) and the language now.

Code marks every string a person reads with `_()` (or `ngettext()` for counts, `N_()` for
constants translated where they are shown) and formats values into it afterwards:
`_("Order {order_no} placed").format(order_no=no)`. The English text is the message id.
"""

from __future__ import annotations

from assistant.i18n.catalog import LANGUAGES, translations
from assistant.i18n.current import (
    N_,
    _,
    default_language,
    language,
    language_name,
    ngettext,
    preferred_language,
    set_default_language,
    set_language_source,
    use_language,
)

__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "default_language",
    "language",
    "language_name",
    "ngettext",
    "preferred_language",
    "set_default_language",
    "set_language_source",
    "translations",
    "use_language",
]
