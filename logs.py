"""Logging: one structlog pipeline for the application and for uvicorn (its access lines too).

Every line goes through the same processors and one renderer: JSON lines in production (or with
SALESPLUS_LOG_FORMAT=json), a readable console in development. Each carries the request id bound
by web/observability.py while a request runs (uvicorn writes its access line inside the request,
so it has it too).

No personal data: the pipeline, not each call site, keeps it out.
- An exception is logged as its type and frames (file, line, function) only. Its *message* is
  where values go (a database error's `DETAIL: Key (email)=(…)`, a validation error quoting the
  submitted value), and structlog's default renderer would add each frame's local variables,
  which hold response data. The same holds for exceptions passed as fields.
- Access lines keep the path without its query string, and signed links (`/unsubscribe/<token>`,
  `/preferences/<token>`) lose their token: it is a capability naming one person.
`configure()` is called by the server and the command line; `uvicorn_log_config()` hands uvicorn
the same formatter, in the main process and in every worker."""

import logging
import logging.config
import re
import sys
import traceback
from types import TracebackType

import structlog

CAPABILITY_PATHS = re.compile(r"^/(unsubscribe|preferences)/[^/?]+")


def _exception_summary(error: BaseException) -> str:
    """`KeyError at server.py:12 in f <- db.py:40 in g`, innermost last; causes by type only."""
    frames = [f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno} in {frame.name}"
              for frame in traceback.extract_tb(error.__traceback__)]
    summary = f"{type(error).__module__}.{type(error).__qualname__}"
    if frames:
        summary += " at " + " <- ".join(reversed(frames[-8:]))
    cause = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    return summary + (f"; caused by {_exception_summary(cause)}" if cause is not None else "")


def _as_exception(value) -> BaseException | None:
    if isinstance(value, BaseException):
        return value
    if isinstance(value, tuple) and len(value) == 3 and isinstance(value[1], BaseException):
        return value[1]
    if value is True:
        return sys.exc_info()[1]
    return None


def exceptions_without_messages(logger, method_name, event_dict):
    """Replaces `exc_info` (and any field holding an exception) by the exception's type and frames."""
    for key, value in list(event_dict.items()):
        if key == "exc_info":
            error = _as_exception(value)
            del event_dict["exc_info"]
            if error is not None:
                event_dict["exception"] = _exception_summary(error)
        elif isinstance(value, BaseException | TracebackType):
            event_dict[key] = (_exception_summary(value) if isinstance(value, BaseException)
                               else "traceback")
    event_dict.pop("exc_text", None)
    event_dict.pop("stack_info", None)
    return event_dict


def uvicorn_access_fields(logger, method_name, event_dict):
    """uvicorn's access line as fields: client, method, path (no query, no tokens), status."""
    args = event_dict.pop("positional_args", None)  # of every foreign record: never rendered
    record = event_dict.get("_record")
    if record is None or record.name != "uvicorn.access" or len(args or ()) != 5:
        return event_dict
    client, method, path, http_version, status = args
    path = CAPABILITY_PATHS.sub(r"/\1/<token>", path.split("?", 1)[0])
    event_dict.update(event="request", client=client, method=method, path=path,
                      http_version=http_version, status=status)
    return event_dict


def _shared_processors() -> list:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        exceptions_without_messages,
    ]


def _use_json(log_format: str, production: bool) -> bool:
    return log_format == "json" or (log_format == "auto" and production)


def formatter(json_lines: bool | None = None) -> structlog.stdlib.ProcessorFormatter:
    """The one formatter of every handler; without an argument it follows the settings."""
    if json_lines is None:
        json_lines = _settings_want_json()
    renderer = (structlog.processors.JSONRenderer() if json_lines
                else structlog.dev.ConsoleRenderer(colors=False))
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[uvicorn_access_fields, *_shared_processors()],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        pass_foreign_args=True,  # for uvicorn_access_fields, which removes them

    )


def _settings_want_json() -> bool:
    from config import ConfigError, settings  # noqa: PLC0415  (logs may be set up before settings)

    try:
        config = settings()
    except ConfigError:  # reported by the command line; log as in development meanwhile
        return False
    return _use_json(getattr(config, "log_format", "auto"), config.production)


def _level() -> int:
    from config import ConfigError, settings  # noqa: PLC0415

    try:
        return getattr(logging, str(getattr(settings(), "log_level", "info")).upper())
    except ConfigError:
        return logging.INFO


def configure(level: int | None = None, json_lines: bool | None = None) -> None:
    """Route structlog and the standard library (uvicorn included) through one handler."""
    level = _level() if level is None else level
    structlog.configure(
        processors=[*_shared_processors()[:1], structlog.stdlib.filter_by_level,
                    *_shared_processors()[1:], structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    config = uvicorn_log_config(level, json_lines)
    for name, logger_config in config["loggers"].items():
        # Under a bare `uvicorn server:app --log-level warning`, uvicorn set its loggers' levels
        # before the app was built: the operator's choice stands.
        if name.startswith("uvicorn") and logging.getLogger(name).level != logging.NOTSET:
            logger_config["level"] = logging.getLevelName(logging.getLogger(name).level)
    logging.config.dictConfig(config)


def uvicorn_log_config(level: int | None = None, json_lines: bool | None = None) -> dict:
    """For `uvicorn.run(log_config=…)`: every logger propagates to the root's one handler."""
    level_name = logging.getLevelName(_level() if level is None else level)
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"structlog": {"()": formatter, "json_lines": json_lines}},
        "handlers": {"default": {"class": "logging.StreamHandler", "formatter": "structlog",
                                 "stream": "ext://sys.stderr"}},
        # Libraries speak from WARNING up (Casbin logs every matcher at INFO, Tortoise every
        # statement with its parameters at DEBUG: values of rows); ours and uvicorn's at `level`.
        "root": {"handlers": ["default"], "level": "WARNING"},
        "loggers": {name: {"handlers": [], "level": level_name, "propagate": True}
                    for name in ("salesplus", "uvicorn", "uvicorn.error", "uvicorn.access")},
    }
