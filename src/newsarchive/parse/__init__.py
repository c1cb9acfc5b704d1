"""Bytes to records: decoding, format detection, the format parsers and site profiles.

The entry points (parse_bytes, parse_file, ...) live in pipeline.py and are loaded on first use:
a command that only reads the archive (`search`, `list`) imports a light submodule of this
package (the publisher table, language names) without loading the parsers, their vocabularies
and date forms.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = [
    "MAX_INPUT_BYTES",
    "decode_input",
    "parse_bytes",
    "parse_file",
    "read_input",
    "read_stream",
]

# Names of pipeline.py read through the package (the tests' private ones included).
_PIPELINE = frozenset(
    {*__all__, "build_article", "sniff_format", "without_repeats", "_common_run"}
    | {"_REPEAT_BUDGET", "LANGUAGE_ZONES", "RawInput", "DecodedInput"}
)

if TYPE_CHECKING:
    from .pipeline import (
        MAX_INPUT_BYTES,
        decode_input,
        parse_bytes,
        parse_file,
        read_input,
        read_stream,
    )


def __getattr__(name: str) -> Any:
    if name in _PIPELINE:
        return getattr(import_module(".pipeline", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
