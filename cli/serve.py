"""`salesplus serve`: the ASGI app (server:app) under uvicorn."""

import atexit
import os
import shutil
import tempfile

import click
import uvicorn

import logs
from cli import tls
from cli.common import no_traceback, run_with_db
from config import Settings, settings

METRICS_DIRECTORY = "PROMETHEUS_MULTIPROC_DIR"  # read by prometheus-client (web/metrics.py)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 256),
              help="Worker processes.")
@click.option("--demo/--no-demo", default=None,
              help="Load the demo dataset on first start (only into a database without tenants). "
                   "Default: the SALESPLUS_DEMO environment variable.")
@click.option("--tls-cert", metavar="FILE",
              help="Serve HTTPS with this PEM certificate (and chain); with --tls-key. "
                   "Default: SALESPLUS_TLS_CERT.")
@click.option("--tls-key", metavar="FILE",
              help="The certificate's PEM private key, unencrypted. Default: SALESPLUS_TLS_KEY.")
@click.option("--forwarded-allow-ips", metavar="IPS",
              help="Addresses or networks (comma-separated, or '*') of the proxies whose "
                   "X-Forwarded-Proto and X-Forwarded-For are trusted. Default: "
                   "SALESPLUS_FORWARDED_ALLOW_IPS, else uvicorn's (127.0.0.1 and ::1).")
@no_traceback
def serve(host: str, port: int, workers: int, demo: bool | None, tls_cert: str | None,
          tls_key: str | None, forwarded_allow_ips: str | None) -> None:
    """Run the API server (POST /graphql, /healthz, /readyz) under uvicorn."""
    given_as_settings(load_demo=None if demo is None else ("1" if demo else "0"), tls_cert=tls_cert,
                      tls_key=tls_key, forwarded_allow_ips=forwarded_allow_ips)
    settings.cache_clear()  # read before the options were applied (logs.configure)
    config = settings()  # an invalid setting stops here, in one line (exit 2)
    transport = tls.uvicorn_options(config)  # bad TLS files stop here, before the database
    # Migrate (and load the demo) once here, before the workers start, so that they do not all
    # race to do it; each worker's own check then finds nothing to do.
    if config.load_demo:
        from demo import load_demo_if_empty  # noqa: PLC0415  (demo data only on request)

        run_with_db(load_demo_if_empty)
    else:
        run_with_db(None)
    if config.metrics_token:
        prepare_metrics_directory()
    tls.announce(config)
    uvicorn.run("server:app", host=host, port=port, workers=workers,
                log_config=logs.uvicorn_log_config(), **connection_limits(config), **transport)


def given_as_settings(**options: str | None) -> None:
    """Options given on the command line win over the environment: each goes into its setting's
    variable (Settings' field of that name), read and checked there like any other, and
    inherited by the workers."""
    for name, value in options.items():
        if value is not None:
            os.environ[Settings.model_fields[name].alias] = value


def connection_limits(config: Settings) -> dict:
    """uvicorn's limits (README, configuration): idle keep-alive connections are closed after
    SALESPLUS_KEEP_ALIVE seconds; past SALESPLUS_MAX_CONCURRENCY connections and requests at once
    per worker new ones get HTTP 503 instead of piling up; a stopping worker gives running
    requests 10 s. A request's own time, body included, is bounded by SALESPLUS_REQUEST_DEADLINE
    (health/bounded.py)."""
    return {"timeout_keep_alive": config.keep_alive_seconds,
            "limit_concurrency": config.max_concurrency, "timeout_graceful_shutdown": 10}


def prepare_metrics_directory() -> None:
    """Workers write their samples to files here, and /metrics sums them (web/metrics.py). An
    empty directory per run: counters of an earlier run must not be added to this one's. Set
    before any worker starts (prometheus-client reads it when imported)."""
    directory = os.environ.get(METRICS_DIRECTORY)
    if directory:
        os.makedirs(directory, exist_ok=True)
        for name in os.listdir(directory):
            if name.endswith(".db"):
                os.remove(os.path.join(directory, name))
    else:
        directory = tempfile.mkdtemp(prefix="salesplus-metrics-")
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
    os.environ[METRICS_DIRECTORY] = directory
