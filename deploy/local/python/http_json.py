"""JSON over HTTP for the stack's own scripts (the seeder, the chain and realm
tests, the benchmarks): one request and its answer, with the standard library
only, so every script runs with the system's python3 and no virtualenv.

Scripts outside this folder put it on their path first:

    sys.path.insert(0, os.path.join(<repository root>, "deploy", "local", "python"))
"""
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, NamedTuple


class Answer(NamedTuple):
    """An HTTP answer: its status, its body — parsed JSON, else the text, None when empty — and its content type."""

    status: int
    body: Any
    content_type: str


def call(method, url, token=None, body=None, form=None, headers=None, timeout=30) -> Answer:
    """Sends `body` as JSON or `form` URL-encoded, with a bearer `token` if given.

    An HTTP error status is an answer, not an exception; a connection failure
    raises urllib.error.URLError.
    """
    data, request_headers = None, dict(headers or {})
    if body is not None:
        data = json.dumps(body).encode()
        request_headers["Content-Type"] = "application/json"
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
    if token:
        request_headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(url, data=data, method=method, headers=request_headers)
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as refused:
        response = refused
    with response:
        text = response.read().decode()
        content_type = response.headers.get("Content-Type", "")
    if not text:
        return Answer(response.status, None, content_type)
    try:
        return Answer(response.status, json.loads(text), content_type)
    except ValueError:
        return Answer(response.status, text, content_type)
