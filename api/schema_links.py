"""The schema's versioned paths and its OpenAPI links (drf-spectacular hooks, config/settings.py).

Links say what a client can do next with what a POST created: the 201 answer's id fills the
`id` of every operation on that record's address (its read first), and, where the answer is
the record itself, its ETag fills the `If-Match` those changes require. Generated clients and
schemathesis' stateful phase follow them to chain calls.
"""

import re

from api.links import PREFIX

# A create whose answer is not the record at its own address: (the record's address, where
# its id sits in the answer, whether the answer's ETag is that record's).
_ELSEWHERE = {
    # The answer is the claim's provenance graph.
    f"{PREFIX}chains/": (f"{PREFIX}claims/{{id}}/", "/claim/id", False),
    # The answer is the ingestion's outcome; `document` is the document recorded.
    f"{PREFIX}ingest/": (f"{PREFIX}documents/{{id}}/", "/document/id", False),
}
_PARAMETER = re.compile(r"{([^}]+)}")
_METHODS = ("get", "put", "patch", "delete", "post")


def versioned_paths_only(endpoints, **kwargs):
    """The schema describes /api/v1/ alone: /api/ serves the same views as an alias, and
    listing both would give every operation twice."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PREFIX)]


def _link_name(operation_id: str) -> str:
    return "".join(part.capitalize() for part in operation_id.split("_"))


def _links_from(paths: dict, record_path: str, pointer: str, tagged: bool) -> dict:
    links = {}
    for path, operations in paths.items():
        # The record's own operations: its address, and actions below it that need no other id.
        if not path.startswith(record_path) or set(_PARAMETER.findall(path)) != {"id"}:
            continue
        for method in _METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            parameters = {"id": f"$response.body#{pointer}"}
            if tagged and any(p["name"] == "If-Match" for p in operation.get("parameters", [])):
                parameters["If-Match"] = "$response.header.ETag"
            verb = "Read" if method == "get" and path == record_path else "Then"
            links[f"{verb}{_link_name(operation['operationId'])}"] = {
                "operationId": operation["operationId"],
                "parameters": parameters,
                "description": f"{method.upper()} {path} on the record just created.",
            }
    # Its read first: the link a client most often wants.
    return dict(sorted(links.items(), key=lambda item: not item[0].startswith("Read")))


def links_from_created(result, generator, request, public):
    """Adds `links` to every 201 answer of a POST that creates a record with a read."""
    paths = result.get("paths", {})
    for path, operations in paths.items():
        created = operations.get("post", {}).get("responses", {}).get("201")
        if created is None or "{" in path:
            continue
        record_path, pointer, tagged = _ELSEWHERE.get(path, (f"{path}{{id}}/", "/id", True))
        if record_path not in paths:
            continue
        links = _links_from(paths, record_path, pointer, tagged)
        if links:
            created["links"] = links
    return result
