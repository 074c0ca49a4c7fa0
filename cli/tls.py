"""Transport for `salesplus serve`: uvicorn's own TLS, or a TLS-terminating proxy in front
(docs/security.md#in-transit).

The certificate and key are opened here, once, before the database is touched and before any
worker starts: uvicorn would otherwise fail in each worker with a traceback of `ssl` internals.
Each failure is one line with a code (exit code 2, like any bad setting); it names the file and
what is wrong with it, never its content."""

import ssl
from pathlib import Path

import structlog
import uvicorn

from cli.common import ConfigurationError
from config import Settings

log = structlog.get_logger("salesplus.serve")


class TlsFileError(ConfigurationError):
    def __init__(self, code: str, text: str):
        super().__init__(f"{code}: {text}")
        self.code = code


class _Encrypted(Exception):
    """The key wants a passphrase; uvicorn would prompt for it on the terminal, in every worker."""


def _no_passphrase():
    raise _Encrypted


def check_files(cert: Path, key: Path) -> None:
    """Raises TlsFileError unless `cert` holds a PEM certificate and `key` its unencrypted key."""
    _readable(cert, "TLS_CERT_UNREADABLE", "certificate")
    _readable(key, "TLS_KEY_UNREADABLE", "key")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:  # parses every certificate of the file, and fails on none: the file is a certificate
        context.load_verify_locations(cafile=cert)
    except ssl.SSLError:
        raise TlsFileError("TLS_CERT_INVALID", f"{cert} holds no PEM certificate") from None
    try:
        context.load_cert_chain(cert, key, password=_no_passphrase)
    except _Encrypted:
        raise TlsFileError("TLS_KEY_ENCRYPTED", f"{key} is encrypted; give the server an unencrypted "
                                                "key readable only by its user") from None
    except ssl.SSLError as error:
        if error.reason == "KEY_VALUES_MISMATCH":
            raise TlsFileError("TLS_KEY_MISMATCH",
                               f"the key {key} does not belong to the certificate {cert}") from None
        raise TlsFileError("TLS_KEY_INVALID", f"{key} holds no PEM private key") from None


def _readable(path: Path, code: str, what: str) -> None:
    try:
        path.open("rb").close()
    except OSError as error:
        raise TlsFileError(code, f"cannot read the TLS {what} {path}: {error.strerror}") from None


def uvicorn_options(config: Settings) -> dict:
    """uvicorn.run's TLS files (checked) and the addresses whose X-Forwarded-Proto/-For it trusts
    (None: uvicorn's default)."""
    options = {"proxy_headers": True, "forwarded_allow_ips": config.forwarded_allow_ips}
    if config.tls_cert is not None:
        check_files(config.tls_cert, config.tls_key)
        options |= {"ssl_certfile": str(config.tls_cert), "ssl_keyfile": str(config.tls_key)}
    return options


def trusted_proxies(config: Settings) -> str:
    """What uvicorn will trust, its default resolved by uvicorn itself (no app is loaded, and
    without a log_config it leaves logging alone)."""
    trusted = uvicorn.Config("server:app", forwarded_allow_ips=config.forwarded_allow_ips,
                             log_config=None)
    value = trusted.forwarded_allow_ips
    return value if isinstance(value, str) else ",".join(value)


def announce(config: Settings) -> None:
    """A production server without TLS of its own says what it relies on, once, at start."""
    if config.production and config.tls_cert is None:
        log.info("no TLS here: expecting a TLS-terminating proxy in front, trusted for "
                 "X-Forwarded-Proto and X-Forwarded-For from --forwarded-allow-ips only",
                 forwarded_allow_ips=trusted_proxies(config))
