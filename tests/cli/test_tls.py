"""cli/tls.py through real `salesplus serve` processes: HTTPS with a self-signed certificate made
here, Strict-Transport-Security only for requests that arrived over HTTPS (directly or from a
trusted proxy), the line of a production server without TLS, and one coded line (exit code 2, no
traceback, no key material) for every wrong certificate or key."""

import datetime
import ipaddress
import json
import ssl
import subprocess
import sys

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from cli import tls
from config import load_settings
from tests.support.live_server import environment, live_server

HSTS = "strict-transport-security"
QUERY = {"query": "{ __typename }"}
PROXY, ELSEWHERE = "127.0.0.2", "127.0.0.1"  # both loopback: a client can bind either


def self_signed(folder, name: str = "server") -> tuple:
    """A certificate for 127.0.0.1 and its key, as PEM files in `folder`."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "salesplus test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / f"{name}.crt", folder / f"{name}.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_path.chmod(0o600)
    return cert_path, key_path, key


def trusting(cert_path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(cert_path))  # that certificate and nothing else


async def test_https_with_a_self_signed_certificate_serves_the_api_with_hsts(tmp_path):
    cert, key, _ = self_signed(tmp_path)
    async with live_server(tmp_path, "--tls-cert", str(cert), "--tls-key", str(key),
                           tls=trusting(cert)) as server:
        assert server.base.startswith("https://")
        async with httpx.AsyncClient(base_url=server.base, verify=trusting(cert)) as client:
            answer = await client.post("/graphql", json=QUERY)
            health = await client.get("/healthz")
        async with httpx.AsyncClient(base_url=server.base) as stranger:  # the system's trust store
            with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
                await stranger.get("/healthz")
    assert answer.status_code == 200 and answer.json() == {"data": {"__typename": "Query"}}
    assert answer.headers[HSTS] == health.headers[HSTS] == "max-age=31536000; includeSubDomains"
    assert "expecting a TLS-terminating proxy" not in server.log()  # TLS here, and development


def client_from(address: str, base: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=base, transport=httpx.AsyncHTTPTransport(local_address=address))


async def test_production_without_tls_trusts_only_the_named_proxy(tmp_path):
    env = environment(tmp_path, SALESPLUS_ENV="production", SALESPLUS_HSTS_MAX_AGE="600")
    async with live_server(tmp_path, "--forwarded-allow-ips", PROXY, env=env) as server:
        async with client_from(PROXY, server.base) as proxy, client_from(ELSEWHERE, server.base) as other:
            proxied = await proxy.post("/graphql", json=QUERY, headers={"X-Forwarded-Proto": "https"})
            proxied_plain = await proxy.get("/healthz")
            forged = await other.get("/healthz", headers={"X-Forwarded-Proto": "https"})
            plain = await other.get("/healthz")
    assert proxied.status_code == 200 and proxied.json() == {"data": {"__typename": "Query"}}
    assert proxied.headers[HSTS] == "max-age=600; includeSubDomains"
    for answer in (proxied_plain, forged, plain):
        assert answer.status_code == 200 and HSTS not in answer.headers
    (line,) = [entry for entry in map(json.loads, server.log().splitlines())
               if "TLS-terminating proxy" in entry["event"]]
    assert "--forwarded-allow-ips" in line["event"] and line["forwarded_allow_ips"] == PROXY
    assert line["logger"] == "salesplus.serve" and line["level"] == "info"


def test_uvicorn_decides_the_trusted_proxies_by_default(monkeypatch):
    monkeypatch.delenv("SALESPLUS_FORWARDED_ALLOW_IPS", raising=False)
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    config = load_settings()
    assert tls.uvicorn_options(config) == {"proxy_headers": True, "forwarded_allow_ips": None}
    assert tls.trusted_proxies(config) == "127.0.0.1,::1"


@pytest.fixture
def files(tmp_path):
    cert, key, private = self_signed(tmp_path)
    other_cert, other_key, _ = self_signed(tmp_path, "other")
    encrypted = tmp_path / "encrypted.key"
    encrypted.write_bytes(private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                serialization.BestAvailableEncryption(b"passphrase")))
    (tmp_path / "garbage.pem").write_text("not a PEM file\n")
    return {"cert": cert, "key": key, "other.key": other_key, "encrypted.key": encrypted,
            "garbage": tmp_path / "garbage.pem", "missing": tmp_path / "missing.pem",
            "directory": tmp_path, "key as cert": key}


@pytest.mark.parametrize(("cert", "key", "code"), [
    ("missing", "key", "TLS_CERT_UNREADABLE"),
    ("cert", "missing", "TLS_KEY_UNREADABLE"),
    ("cert", "directory", "TLS_KEY_UNREADABLE"),
    ("garbage", "key", "TLS_CERT_INVALID"),
    ("key as cert", "key", "TLS_CERT_INVALID"),
    ("cert", "garbage", "TLS_KEY_INVALID"),
    ("cert", "other.key", "TLS_KEY_MISMATCH"),
    ("cert", "encrypted.key", "TLS_KEY_ENCRYPTED"),
])
def test_each_wrong_file_has_its_code(files, cert, key, code):
    with pytest.raises(tls.TlsFileError) as raised:
        tls.check_files(files[cert], files[key])
    assert raised.value.code == code and raised.value.exit_code == 2
    assert str(files[key if "KEY" in code else cert]) in raised.value.message


def test_matching_files_pass(files):
    tls.check_files(files["cert"], files["key"])


def serve(tmp_path, *args: str, **variables: str) -> subprocess.CompletedProcess:
    env = {**environment(tmp_path), **variables}
    return subprocess.run([sys.executable, "-m", "cli", "serve", "--port", "1", *args], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)


def assert_one_line(result: subprocess.CompletedProcess, expected: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.strip().splitlines() == [f"Error: {expected}"]
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("given_as", ["options", "variables"])
def test_serve_stops_on_a_mismatched_key_in_one_line(tmp_path, files, given_as):
    cert, key = str(files["cert"]), str(files["other.key"])
    result = (serve(tmp_path, "--tls-cert", cert, "--tls-key", key) if given_as == "options"
              else serve(tmp_path, SALESPLUS_TLS_CERT=cert, SALESPLUS_TLS_KEY=key))
    assert_one_line(result, f"TLS_KEY_MISMATCH: the key {key} does not belong to the certificate {cert}")
    for pem in (files["key"], files["other.key"]):
        assert pem.read_text().splitlines()[1] not in result.stdout + result.stderr
    assert "PRIVATE KEY" not in result.stdout + result.stderr
    assert not (tmp_path / "live.db").exists()  # stopped before the database was touched


def test_serve_wants_the_key_with_the_certificate(tmp_path, files):
    assert_one_line(serve(tmp_path, "--tls-cert", str(files["cert"])),
                    "SALESPLUS_TLS_CERT and SALESPLUS_TLS_KEY (--tls-cert, --tls-key) go together: "
                    "give both or neither")


def test_serve_refuses_a_proxy_that_is_not_an_address(tmp_path):
    result = serve(tmp_path, "--forwarded-allow-ips", "127.0.0.1,proxy.internal")
    assert_one_line(result, "SALESPLUS_FORWARDED_ALLOW_IPS is invalid: expected IP addresses or "
                            "networks separated by commas, such as '10.0.0.5,10.1.0.0/16', or '*'")
