"""Schemathesis hooks for scripts/fuzz-api.sh: sign in as a demo user for a bearer token.

Every operation uses one cached token of the Global admin (Megan), except sign-out, which
gets a fresh token each time so that revoking it cannot sign the rest of the run out.
"""

import json
import os
import urllib.request
import uuid

import schemathesis

BASE_URL = os.environ["FUZZ_BASE_URL"]
EMAIL = os.environ.get("FUZZ_EMAIL", "megan@contoso.example")
PASSWORD = os.environ.get("FUZZ_PASSWORD", "Rewards-Demo-2026")


def sign_in() -> str:
    request = urllib.request.Request(
        f"{BASE_URL}/api/v1/session",
        data=json.dumps({"email": EMAIL, "password": PASSWORD}).encode(),
        headers={"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["token"]


def bearer(case, token: str) -> None:
    case.headers = case.headers or {}
    case.headers["Authorization"] = f"Bearer {token}"


@schemathesis.auth(refresh_interval=None).apply_to(method="DELETE", path="/api/v1/session")
class FreshTokenForSignOut:
    def get(self, case, ctx):
        return sign_in()

    def set(self, case, data, ctx):
        bearer(case, data)


@schemathesis.auth().skip_for(method="DELETE", path="/api/v1/session")
class DemoUserToken:
    def get(self, case, ctx):
        return sign_in()

    def set(self, case, data, ctx):
        bearer(case, data)
