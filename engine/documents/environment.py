"""A Jinja2 environment that reads ``x.name`` from a plain dict without raising an exception.

Jinja2 looks ``x.name`` up as an attribute first and, when that fails, as a key. For a
dict (everything our templates are given is plain dicts, lists and strings) the failed
attribute look-up raises and catches an AttributeError each time: half of the time of
rendering a memo, hundreds of times per memo. A dict instance has no attributes of its
own, so the attribute look-up can only succeed for a name of the dict type itself
(``items``, ``keys``…); for any other name the result is the key's value, or undefined,
exactly as Jinja2 gives it, only without the exception.

Used for the shipped templates only; an office's templates keep Jinja2's sandbox as it is.
"""

from __future__ import annotations

import jinja2

_DICT_ATTRIBUTES = frozenset(dir(dict))


class PlainDataEnvironment(jinja2.Environment):
    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def memo_settings(fmt: str) -> dict:
    """The settings of every memo environment (shipped, precompiled or an office's sandbox).

    Strict, so a misspelt name fails loudly; the HTML memo autoescapes everything.
    """
    return {"undefined": jinja2.StrictUndefined, "autoescape": fmt == "html",
            "trim_blocks": False, "lstrip_blocks": False, "keep_trailing_newline": True}
