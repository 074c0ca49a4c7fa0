"""Logging set-up: structlog, one line per event, tracebacks without local variables.

structlog's default renderer prints each frame's local variables (through rich when it is
installed); in this service those hold response data, so a traceback would copy personal data
into the log. `configure()` is called once by the server and the command line."""

import logging

import structlog


def configure(level: int = logging.INFO) -> None:
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            structlog.dev.ConsoleRenderer(colors=False, exception_formatter=structlog.dev.plain_traceback),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        cache_logger_on_first_use=True,
    )
