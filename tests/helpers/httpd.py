#!/usr/bin/env python3
"""httpd.py - a scripted HTTP server for the tests (python3 standard library only).

Usage:
    python3 tests/helpers/httpd.py --dir DIR [--lifetime SECONDS]

Listens on 127.0.0.1 on a free port chosen by the system. Once it accepts
connections it writes the port to DIR/port (atomically: poll for the file)
and prints it on stdout. Every request is appended to DIR/requests.log as
one JSON line {"method", "path", "headers": {...}}; the headers' names are
lowercase. It exits after --lifetime seconds (default 300) so that a test
killed halfway leaves no server behind; stop it earlier with SIGTERM.

A test in bash:

    python3 "$SRC/tests/helpers/httpd.py" --dir "$WORK/www" >/dev/null 2>&1 &
    HTTPD=$!; trap 'kill $HTTPD 2>/dev/null; rm -rf "$WORK"' EXIT
    for _ in $(seq 100); do [ -s www/port ] && break; sleep 0.05; done
    BASE=http://127.0.0.1:$(cat www/port)

Routes (REST is another route of this list, so they compose):
  GET  /file/NAME        DIR/NAME, with an ETag (a hash of the content) and
                         Last-Modified (its mtime). If-None-Match decides
                         when sent (304 if it matches), else If-Modified-Since.
                         Rewrite the file between polls for a changing feed.
                         Content-Type from the extension (.rss/.xml, .atom,
                         .html, else text/plain). Gzip-encoded when the client
                         accepts gzip and the query has gzip=1.
  ANY  /fail/N/REST      500 for the first N requests to this exact path,
                         then REST.
  GET  /status/CODE      answers CODE with a one-line body; ?retry-after=V
                         adds Retry-After: V.
  GET  /html             an HTML page (text/html), no feed.
  GET  /endless          a feed that never ends: 200, no length, an item
                         every 50 ms until the client goes away.
  GET  /huge             2 GB as fast as it goes, no Content-Length.
  GET  /huge-cl          the same with Content-Length: 2147483648.
  GET  /slow/MS/REST     waits MS milliseconds before answering REST.
  GET  /redirect/N/REST  N redirects (302) before REST.
  GET  /redirect-to?url=U  a 302 to U (any scheme).
  GET  /headers          the request's headers as a JSON object.
  POST /hook/N           the first N POSTs to this path get 503 (or
                         ?code=C, with ?retry-after=V); later ones get 200
                         and are appended to DIR/hook.log as one JSON line
                         {"path", "key" (Idempotency-Key), "round"
                         (X-Newsrules-Round), "attempt" (X-Newsrules-Attempt),
                         "type" (Content-Type),
                         "body"}. Every POST is in requests.log too.
  GET  /quit             stops the server.
"""

import argparse
import email.utils
import gzip
import hashlib
import json
import os
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COUNTS = {}
LOCK = threading.Lock()

HTML = b"""<!DOCTYPE html>
<html><head><title>Welcome</title></head>
<body><h1>Welcome to our site</h1><p>This page is not a feed.</p></body></html>
"""

ENDLESS_HEAD = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Endless</title>
"""


def bump(path):
    """How many requests this exact path had before this one."""
    with LOCK:
        n = COUNTS.get(path, 0)
        COUNTS[path] = n + 1
        return n


class Handler(BaseHTTPRequestHandler):
    server_version = "nr-test-httpd/1"

    def log_message(self, fmt, *args):  # quiet: requests.log has it all
        pass

    def log_request_json(self, body=None):
        rec = {"method": self.command, "path": self.path,
               "headers": {k.lower(): v for k, v in self.headers.items()}}
        if body is not None:
            rec["bytes"] = len(body)
        line = json.dumps(rec) + "\n"
        with LOCK, open(os.path.join(self.server.dir, "requests.log"), "a") as f:
            f.write(line)

    def answer(self, code, body=b"", ctype="text/plain", headers=None):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    # ---- routing ------------------------------------------------------
    def do_GET(self):
        self.log_request_json()
        self.route(self.path)

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        self.log_request_json(body)
        self.body = body
        self.route(self.path)

    def route(self, path):
        url = urllib.parse.urlsplit(path)
        query = urllib.parse.parse_qs(url.query)
        parts = url.path.strip("/").split("/")
        head = parts[0]
        try:
            if head == "fail":
                return self.fail(int(parts[1]), "/".join(parts[2:]), url.query)
            if head == "slow":
                time.sleep(int(parts[1]) / 1000.0)
                return self.route("/" + "/".join(parts[2:]) + ("?" + url.query if url.query else ""))
            if head == "redirect":
                return self.redirect(int(parts[1]), "/".join(parts[2:]), url.query)
            handler = getattr(self, "r_" + head.replace("-", "_"), None)
            if handler is None:
                return self.answer(404, b"no such route\n")
            return handler(parts[1:], query)
        except (BrokenPipeError, ConnectionResetError):
            return None

    def fail(self, n, rest, qs):
        if bump(self.path) < n:
            return self.answer(500, b"scripted failure\n")
        return self.route("/" + rest + ("?" + qs if qs else ""))

    def redirect(self, n, rest, qs):
        if n <= 0:
            return self.route("/" + rest + ("?" + qs if qs else ""))
        loc = "/redirect/%d/%s" % (n - 1, rest) + ("?" + qs if qs else "")
        return self.answer(302, b"", headers={"Location": loc})

    # ---- routes ---------------------------------------------------------
    def r_file(self, parts, query):
        path = os.path.join(self.server.dir, *parts)
        try:
            with open(path, "rb") as f:
                data = f.read()
            mtime = os.stat(path).st_mtime
        except OSError:
            return self.answer(404, b"no such file\n")
        etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
        lm = email.utils.formatdate(mtime, usegmt=True)
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = False
        if inm is not None:
            fresh = etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        elif ims:
            try:
                fresh = int(mtime) <= email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                fresh = False
        validators = {"ETag": etag, "Last-Modified": lm}
        if fresh:
            self.send_response(304)
            for k, v in validators.items():
                self.send_header(k, v)
            self.end_headers()
            return None
        ext = os.path.splitext(path)[1]
        ctype = {".rss": "application/rss+xml", ".xml": "application/rss+xml",
                 ".atom": "application/atom+xml", ".html": "text/html"}.get(ext, "text/plain")
        if query.get("gzip") and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            data = gzip.compress(data)
            validators["Content-Encoding"] = "gzip"
        return self.answer(200, data, ctype, validators)

    def r_status(self, parts, query):
        headers = {}
        if "retry-after" in query:
            headers["Retry-After"] = query["retry-after"][0]
        code = int(parts[0])
        return self.answer(code, b"status %d\n" % code, headers=headers)

    def r_html(self, parts, query):
        return self.answer(200, HTML, "text/html; charset=utf-8")

    def stream(self, chunk, length, pause):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.write(ENDLESS_HEAD)
        sent = len(ENDLESS_HEAD)
        deadline = time.time() + self.server.lifetime
        while sent < 2 ** 31 and time.time() < deadline:
            self.wfile.write(chunk)
            sent += len(chunk)
            if pause:
                self.wfile.flush()
                time.sleep(pause)

    def r_endless(self, parts, query):
        item = b"<item><title>More</title><description>And more.</description></item>\n"
        return self.stream(item, None, 0.05)

    def r_huge(self, parts, query):
        return self.stream(b"<!-- padding -->" * 4096, None, 0)

    def r_huge_cl(self, parts, query):
        return self.stream(b"<!-- padding -->" * 4096, 2 ** 31, 0)

    def r_redirect_to(self, parts, query):
        return self.answer(302, b"", headers={"Location": query["url"][0]})

    def r_headers(self, parts, query):
        body = json.dumps({k.lower(): v for k, v in self.headers.items()}).encode()
        return self.answer(200, body, "application/json")

    def r_hook(self, parts, query):
        if self.command != "POST":
            return self.answer(405, b"POST only\n")
        n = int(parts[0]) if parts and parts[0] else 0
        if bump(self.path) < n:
            code = int(query.get("code", ["503"])[0])
            headers = {}
            if "retry-after" in query:
                headers["Retry-After"] = query["retry-after"][0]
            return self.answer(code, b"not now\n", headers=headers)
        rec = {"path": self.path, "key": self.headers.get("Idempotency-Key"),
               "round": self.headers.get("X-Newsrules-Round"),
               "attempt": self.headers.get("X-Newsrules-Attempt"),
               "type": self.headers.get("Content-Type"),
               "body": self.body.decode("utf-8", "replace")}
        with LOCK, open(os.path.join(self.server.dir, "hook.log"), "a") as f:
            f.write(json.dumps(rec) + "\n")
        return self.answer(200, b"ok\n")

    def r_quit(self, parts, query):
        self.answer(200, b"bye\n")
        threading.Thread(target=self.server.shutdown, daemon=True).start()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", required=True, help="files served and logs written here")
    ap.add_argument("--lifetime", type=float, default=300.0)
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.dir = args.dir
    srv.lifetime = args.lifetime
    port = srv.server_address[1]
    tmp = os.path.join(args.dir, "port.tmp")
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.rename(tmp, os.path.join(args.dir, "port"))
    print(port, flush=True)
    timer = threading.Timer(args.lifetime, srv.shutdown)
    timer.daemon = True
    timer.start()
    try:
        srv.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
