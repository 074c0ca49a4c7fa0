"""`salesplus serve`: the ASGI app (server:app) under uvicorn."""

import atexit
import os
import shutil
import tempfile

import click
import uvicorn

import logs
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
@no_traceback
def serve(host: str, port: int, workers: int, demo: bool | None) -> None:
    """Run the API server (POST /graphql, /healthz, /readyz) under uvicorn."""
    if demo is not None:
        os.environ["SALESPLUS_DEMO"] = "1" if demo else "0"  # inherited by the workers
    settings.cache_clear()  # read before --demo was applied (logs.configure)
    config = settings()  # an invalid setting stops here, in one line (exit 2)
    # Migrate (and load the demo) once here, before the workers start, so that they do not all
    # race to do it; each worker's own check then finds nothing to do.
    if config.load_demo:
        from demo import load_demo_if_empty  # noqa: PLC0415  (demo data only on request)

        run_with_db(load_demo_if_empty)
    else:
        run_with_db(None)
    if config.metrics_token:
        prepare_metrics_directory()
    uvicorn.run("server:app", host=host, port=port, workers=workers, proxy_headers=True,
                log_config=logs.uvicorn_log_config(), **connection_limits(config))


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
