"""A static Helm chart repository (index.yaml + packaged charts) on loopback.

Run as `python -m sandbox.charts --port P --directory DIR`. Helm accepts the relative `urls`
that ../shared/charts/spark-operator/index.yaml carries.
"""

from __future__ import annotations

import argparse
import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class ChartHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".tgz": "application/gzip",
                      ".yaml": "text/yaml", ".yml": "text/yaml"}

    def log_message(self, format, *args):
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox.charts")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--directory", required=True)
    args = parser.parse_args(argv)
    handler = functools.partial(ChartHandler, directory=args.directory)
    server = ThreadingHTTPServer((args.host, args.port), handler)
    server.daemon_threads = True
    print(f"charts from {args.directory} on http://{args.host}:{args.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
