"""Readable API docs at /docs: Swagger UI served from the installed package, no CDN.

Users run this offline, so the page's scripts and styles come from the
swagger-ui-bundle wheel on disk, never from a content delivery network.
"""

from __future__ import annotations

from pathlib import Path

import swagger_ui_bundle
from flask import Blueprint, Response, send_from_directory

bp = Blueprint("docs", __name__)

ASSETS = Path(swagger_ui_bundle.swagger_ui_path)

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Claims API — documentation</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#docs", deepLinking: true});
  </script>
</body>
</html>
"""


@bp.get("/docs")
def docs_page():
    """The interactive documentation of /openapi.json."""
    return Response(PAGE, mimetype="text/html")


@bp.get("/docs/assets/<path:name>")
def docs_asset(name: str):
    """A Swagger UI script or stylesheet from the installed package."""
    return send_from_directory(ASSETS, name, max_age=86400)
