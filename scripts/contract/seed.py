"""Gives the contract test a photo to reach: as the signed-in user (a bearer token in
argv[2]) on the server at argv[1], pushes a photo record hung on a demo request and uploads
its bytes (a fixed PNG), so the blob routes answer 200 as well as 404. The blob's name is
fixed by its bytes; schemathesis.toml names it (`[dictionaries.blobs]`): `--print-sha256`
prints it."""

import hashlib
import json
import sys
import time
import urllib.request
import uuid

# A PNG's signature and header, then filler: enough for the server's image sniffing.
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
SHA256 = hashlib.sha256(PNG).hexdigest()
REPLICA = "contract-seed"


def call(base, token, method, path, body=None, content_type="application/json"):
    data = json.dumps(body).encode() if content_type == "application/json" else body
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", content_type)
    with urllib.request.urlopen(req) as resp:
        return json.load(resp)


def main():
    if sys.argv[1:] == ["--print-sha256"]:
        print(SHA256)
        return
    base, token = sys.argv[1], sys.argv[2]
    page = call(base, token, "GET", "/sync/pull?limit=5000")
    request = next(c["id"] for c in page["changes"] if c["kind"] == "request")
    photo = str(uuid.uuid4())
    hlc = format((int(time.time() * 1000) << 16), "016x")
    fields = {"parent_kind": "request", "parent_id": request, "sha256": SHA256, "mime": "image/png"}
    changes = [
        {"kind": "photo", "id": photo, "field": f, "value": v, "hlc": hlc, "replica": REPLICA}
        for f, v in fields.items()
    ]
    push = {"replica": REPLICA, "schema": 1, "batches": [{"seq": 1, "changes": changes}]}
    reply = call(base, token, "POST", "/sync/push", push)
    assert not reply["rejections"], reply
    put = f"/blobs/{SHA256}?offset=0&size={len(PNG)}"
    done = call(base, token, "PUT", put, PNG, "application/octet-stream")
    assert done["complete"], done


if __name__ == "__main__":
    main()
