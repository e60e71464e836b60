#!/usr/bin/env python3
"""Extracts the response schemas pipeguard's fake GitHub serves from GitHub's REST description.

Usage: scripts/extract-github-schemas.py [path/to/api.github.com.json]
Writes src/test/resources/github/rest-schemas.json: {"operations": {"GET /path": {"200": schema}},
"definitions": {...}} with OpenAPI 3.0's `nullable` turned into JSON Schema type unions and every
$ref pointing into "definitions", so a plain JSON Schema validator can check the fixture bodies.
The full description is huge and CI may not have it; rerun this after adding an endpoint.
"""
import json
import os
import sys

DEFAULT = "/tmp/peers/node_modules/@octokit/openapi/generated/api.github.com.json"
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "github", "rest-schemas.json")

OPERATIONS = [
    ("get", "/repos/{owner}/{repo}"),
    ("get", "/orgs/{org}"),
    ("get", "/orgs/{org}/repos"),
    ("get", "/users/{username}"),
    ("get", "/users/{username}/repos"),
    ("get", "/repos/{owner}/{repo}/branches/{branch}/protection"),
    ("get", "/repos/{owner}/{repo}/environments"),
    ("get", "/repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"),
    ("get", "/repos/{owner}/{repo}/environments/{environment_name}/secrets"),
    ("get", "/repos/{owner}/{repo}/actions/secrets"),
    ("get", "/repos/{owner}/{repo}/actions/organization-secrets"),
    ("get", "/repos/{owner}/{repo}/actions/permissions/workflow"),
    ("get", "/orgs/{org}/actions/secrets"),
    ("get", "/orgs/{org}/actions/secrets/{secret_name}/repositories"),
    ("post", "/repos/{owner}/{repo}/code-scanning/sarifs"),
    ("get", "/repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}"),
    ("get", "/rate_limit"),
    ("get", "/orgs/{org}/installation"),
    ("get", "/repos/{owner}/{repo}/installation"),
    ("get", "/users/{username}/installation"),
    ("post", "/app/installations/{installation_id}/access_tokens"),
]


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    spec = json.load(open(source))
    package = os.path.join(os.path.dirname(os.path.dirname(source)), "package.json")
    version = json.load(open(package))["version"] if os.path.exists(package) else "unknown"
    components = spec["components"]
    needed = {}
    operations = {}

    def convert(node):
        if isinstance(node, list):
            return [convert(n) for n in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            ref = node["$ref"]
            kind, name = ref.split("/")[2], ref.split("/")[3]
            if kind == "responses":
                return convert(components["responses"][name]["content"]["application/json"]["schema"])
            if name not in needed:
                needed[name] = None
                needed[name] = convert(components["schemas"][name])
            return {"$ref": "#/definitions/" + name}
        out = {k: convert(v) for k, v in node.items() if k not in ("nullable", "example", "examples", "discriminator")}
        if node.get("nullable"):
            if "type" in out:
                out["type"] = [out["type"], "null"] if isinstance(out["type"], str) else out["type"] + ["null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = out["enum"] + [None]
            if "type" not in out:
                out = {"anyOf": [out, {"type": "null"}]}
        return out

    for method, path in OPERATIONS:
        responses = {}
        for status, response in spec["paths"][path][method]["responses"].items():
            if "$ref" in response:
                response = components["responses"][response["$ref"].split("/")[-1]]
            content = response.get("content", {}).get("application/json")
            if content and "schema" in content:
                responses[status] = convert(content["schema"])
        operations[method.upper() + " " + path] = responses
    needed["basic-error"] = convert(components["schemas"]["basic-error"])
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"source": "@octokit/openapi " + version + " generated/api.github.com.json",
                   "operations": operations, "definitions": dict(sorted(needed.items()))}, f, indent=1, sort_keys=False)
        f.write("\n")
    print("wrote", os.path.relpath(OUT), "with", len(operations), "operations and", len(needed), "definitions")


if __name__ == "__main__":
    main()
