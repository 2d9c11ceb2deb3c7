"""Contract tests: schemathesis reads the live OpenAPI schema (/api/v1/openapi.json) and
sends generated requests to every operation, as a visitor and with a member's token;
no response may be a server error or break the schema's promises (status codes,
content types, bodies). A stateful run chains operations by the links schemathesis infers
from the schema (a list's ids into the operations that take them)."""

import json

import pytest
import schemathesis
from django.test.client import ClientHandler
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from mindwell.accounts import tokens
from mindwell.api import api
from mindwell.qa.tests.factories import answer, ask, comment

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def world(db, asker, stranger, moderator, category):
    """A small community to read and write: questions (one anonymous), an answer, a
    comment, and tokens for a member and for a moderator."""
    question = ask(asker, category=category, tags=["sleep"])
    ask(asker, category=category, anonymous=True, anon_name="Night owl")
    reply = answer(question, stranger)
    comment(question, asker, answer=reply)
    _, member_token = tokens.create_api_token(
        user=stranger, name="Contract", scopes=["read", "write"], expires_in_days=None
    )
    _, moderator_token = tokens.create_api_token(
        user=moderator,
        name="Contract",
        scopes=["read", "write", "moderate"],
        expires_in_days=None,
    )
    return {"member": member_token, "moderator": moderator_token}


class _App:
    """A WSGI app over the test client's handler: the same database connection and
    transaction as the test (Django's own WSGIHandler would close it between requests)."""

    def __init__(self) -> None:
        self.handler = ClientHandler()

    def __call__(self, environ, start_response):
        response = self.handler(environ)
        headers = list(response.items())
        headers += [("Set-Cookie", c.output(header="").strip()) for c in response.cookies.values()]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return [response.content]


# The schema the live endpoint serves (the same call renders /api/v1/openapi.json, which
# test_the_contract_is_the_live_schema checks), loaded at collection time: schemathesis's
# lazy fixture loader does not run on this pytest.
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
schema.app = _App()


def test_the_contract_is_the_live_schema(client, db):
    assert client.get("/api/v1/openapi.json").json() == schema.raw_schema


SETTINGS = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@SETTINGS
def test_every_operation_keeps_its_contract_for_visitors(case, world):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@SETTINGS
def test_every_operation_keeps_its_contract_for_a_members_token(case, world):
    case.call_and_validate(headers={"Authorization": f"Bearer {world['member']}"}, checks=CHECKS)


@schema.parametrize()
@SETTINGS
def test_every_operation_keeps_its_contract_for_a_moderators_token(case, world):
    headers = {"Authorization": f"Bearer {world['moderator']}"}
    case.call_and_validate(headers=headers, checks=CHECKS)


# The stateful run injects its inferred links into the schema it reads: a copy of its own,
# so the contract above stays the live schema.
linked = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
linked.app = _App()


def test_chained_operations_keep_their_contract_for_a_moderators_token(world):
    token = world["moderator"]
    calls: list[tuple[str, int]] = []

    class Workflow(linked.as_state_machine()):
        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Bearer {token}"}}

        def after_call(self, response, case):
            calls.append((case.operation.path, response.status_code))

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS)

    Workflow.run(
        settings=settings(
            max_examples=60,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
    chained = [path for path, status in calls if "{" in path and status < 300]
    assert chained, "No operation was reached through a link: check the inferred links."
