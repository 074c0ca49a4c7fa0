"""Docs that cannot drift: every GraphQL example and every curl in README.md and docs/*.md runs
here against a real server holding the demo data, and what the text shows as the result is checked.

How an example is marked (docs/contributing-docs.md has the details):
- the line before its fence is `<!-- example user=EMAIL purpose=P legal=REF -->` (each part
  optional: no user means no token; `legal` sends X-Legal-Reference);
- a ```json block right after it, preceded by `<!-- result -->`, is what the answer must contain
  (objects may have more keys, lists more items); without one, the answer must have no errors;
- a GraphQL or curl block that is not an example (a schema excerpt) is preceded by
  `<!-- not run: why -->`. An unmarked one fails the test: no example escapes it;
- a JSON or CSV block preceded by `<!-- import example -->` (`tenant=SLUG` for CSV) is imported
  by `salesplus import` into a fresh database, twice: the second time must change nothing.
GraphiQL's opening example (web/graphiql.py) runs here too."""

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from graphql import OperationDefinitionNode, parse

from tests.support.live_server import environment, live_server, run_cli
from web import graphiql

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\s*$")
MARK = re.compile(r"^<!-- (example|not run:|result|import example)(.*?)-->$")


@dataclass
class Block:
    where: str
    language: str
    body: str
    mark: str | None = None  # "example", "not run:", "result"
    arguments: dict[str, str] = field(default_factory=dict)
    result: object = None

    @property
    def runnable(self) -> bool:
        return self.language == "graphql" or "curl " in self.body


def blocks_of(path: Path) -> list[Block]:
    lines, found, index = path.read_text().splitlines(), [], 0
    while index < len(lines):
        fence = FENCE.match(lines[index])
        if not fence:
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("```"))
        block = Block(f"{path.relative_to(ROOT)}:{index + 1}", fence.group(1),
                      "\n".join(lines[index + 1:end]))
        mark = MARK.match(lines[index - 1].strip()) if index else None
        if mark:
            block.mark = mark.group(1)
            block.arguments = dict(part.split("=", 1) for part in shlex.split(mark.group(2)) if "=" in part)
        if block.mark == "result" and found and found[-1].mark == "example":
            found[-1].result = json.loads(block.body)
        found.append(block)
        index = end + 1
    return found


ALL_BLOCKS = [block for path in DOCUMENTS for block in blocks_of(path)]
EXAMPLES = [block for block in ALL_BLOCKS if block.mark == "example"]
IMPORTS = [block for block in ALL_BLOCKS if block.mark == "import example"]
GRAPHIQL = Block("web/graphiql.py:EXAMPLE_QUERY", "graphql", graphiql.EXAMPLE_QUERY, "example",
                 {"user": "sales@acme.example", "purpose": "sales"})


def test_every_query_and_curl_is_marked():
    unmarked = [b.where for b in ALL_BLOCKS if b.runnable and b.mark not in ("example", "not run:")]
    assert not unmarked, f"mark these as examples (or say why they are not run): {unmarked}"
    assert len(EXAMPLES) >= 8


def test_no_link_leaves_the_repository():
    for path in DOCUMENTS:
        for target in re.findall(r"\]\(([^)]+)\)", path.read_text()):
            if target.startswith(("http://", "https://", "mailto:", "#")):
                continue
            resolved = (path.parent / target.split("#", 1)[0]).resolve()
            assert resolved.is_relative_to(ROOT) and resolved.exists(), f"{path.name}: {target}"


def contains(actual, expected) -> bool:
    """`expected` is a part of `actual`: same scalars, keys of objects, leading list items."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and contains(actual[k], v)
                                                for k, v in expected.items())
    if isinstance(expected, list):
        return (isinstance(actual, list) and len(actual) >= len(expected)
                and all(contains(a, e) for a, e in zip(actual, expected, strict=False)))
    return actual == expected


class Demo:
    """The running demo server and a session per demo user (password `demo-<role>-pass`)."""

    def __init__(self, base: str):
        self.base, self.tokens = base, {}

    async def token(self, client: httpx.AsyncClient, email: str) -> str:
        if email not in self.tokens:
            tenant = email.split("@")[1].split(".")[0]
            password = f"demo-{email.split('@')[0]}-pass"
            answer = await client.post(f"{self.base}/graphql", json={
                "query": "mutation($t: String!, $e: String!, $p: String!) "
                         "{ login(tenant: $t, email: $e, password: $p) { token } }",
                "variables": {"t": tenant, "e": email, "p": password}})
            self.tokens[email] = answer.json()["data"]["login"]["token"]
        return self.tokens[email]

    async def headers(self, client, block: Block) -> dict[str, str]:
        headers = {}
        if "user" in block.arguments:
            headers["Authorization"] = f"Bearer {await self.token(client, block.arguments['user'])}"
        if "purpose" in block.arguments:
            headers["X-Purpose"] = block.arguments["purpose"]
        if "legal" in block.arguments:
            headers["X-Legal-Reference"] = block.arguments["legal"]
        return headers


@pytest.fixture(scope="module")
async def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docs-demo")
    async with live_server(folder, "--demo", env=environment(folder)) as server:
        yield Demo(server.base)


def operations(document: str) -> list[str | None]:
    names = [d.name.value if d.name else None for d in parse(document).definitions
             if isinstance(d, OperationDefinitionNode)]
    assert len(names) == 1 or all(names), "several operations in one example need names"
    return names


def curl_request(command: str, base: str, token: str | None) -> dict:
    """The request a curl command line sends (the flags the docs use: -s -H -d -X)."""
    words = shlex.split(command.replace("\\\n", " ").replace("$TOKEN", token or ""))
    assert words[0] == "curl", command
    request = {"method": "GET", "headers": {}, "content": None, "url": None}
    arguments = iter(words[1:])
    for word in arguments:
        if word in ("-H", "--header"):
            name, _, value = next(arguments).partition(":")
            request["headers"][name.strip()] = value.strip()
        elif word in ("-d", "--data", "--data-raw"):
            request["content"], request["method"] = next(arguments), "POST"
        elif word == "-X":
            request["method"] = next(arguments)
        elif not word.startswith("-"):
            request["url"] = re.sub(r"^(https?://)?(localhost|127\.0\.0\.1):8000", base, word)
    return request


@pytest.mark.parametrize("block", [*EXAMPLES, GRAPHIQL], ids=[b.where for b in [*EXAMPLES, GRAPHIQL]])
async def test_the_example_answers_as_documented(demo, block):
    async with httpx.AsyncClient(timeout=30) as client:
        headers = await demo.headers(client, block)
        if block.language == "graphql":
            answers = [(await client.post(f"{demo.base}/graphql", headers=headers,
                                          json={"query": block.body, "operationName": name})).json()
                       for name in operations(block.body)]
        else:
            token = headers.get("Authorization", "").removeprefix("Bearer ") or None
            sent = [curl_request(command, demo.base, token) for command in split_commands(block.body)]
            answers = [(await client.request(**request)).json() for request in sent]
    answer = answers[-1] if len(answers) == 1 else answers
    if block.result is not None:
        assert contains(answer, block.result), json.dumps(answer, indent=1)[:3000]
    else:
        for one in answers:
            assert "errors" not in one, json.dumps(one, indent=1)[:3000]


def split_commands(body: str) -> list[str]:
    """The curl commands of a shell block (continuation lines joined, comments dropped)."""
    commands, current = [], ""
    for line in body.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        current += line + "\n"
        if not line.endswith("\\") and current.count("'") % 2 == 0:
            commands.append(current.strip())
            current = ""
    return [c for c in commands if c.startswith("curl")]


def test_the_import_examples_import_and_are_idempotent(tmp_path):
    assert len(IMPORTS) >= 2  # docs/import.md: the complete JSON document and the CSV file
    env = environment(tmp_path)
    for round_ in (1, 2):
        for number, block in enumerate(IMPORTS):
            path = tmp_path / f"example-{number}.{block.language}"
            path.write_text(block.body + "\n")
            tenant = ["--tenant", block.arguments["tenant"]] if "tenant" in block.arguments else []
            result = run_cli(tmp_path, "import", str(path), *tenant, env=env)
            changed = re.findall(r"\d+ [\w ]+? (?:created|updated)", result.stdout)
            assert bool(changed) == (round_ == 1), (block.where, round_, result.stdout)
