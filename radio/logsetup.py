"""Send the application's own log records (the `radio.*` loggers, INFO and up) to stderr.

Used by the long-running commands (`radio serve`, `radio scheduler`). Under gunicorn this is what
makes job outcomes and warnings visible next to gunicorn's error log; it does nothing when the
logging of this process was already configured (a handler on `radio` or on the root logger).
"""

from __future__ import annotations

import logging
import sys

FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"


def to_stderr(level: int = logging.INFO) -> None:
    logger = logging.getLogger("radio")
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)
    if logger.handlers or logging.getLogger().handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
