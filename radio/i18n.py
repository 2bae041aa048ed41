"""Translation markers usable from every layer; source strings are Vietnamese."""

from flask_babel import gettext, lazy_gettext, ngettext

_ = gettext
_l = lazy_gettext

__all__ = ["_", "_l", "gettext", "lazy_gettext", "ngettext"]
