"""Current ClickHouse (chdb, in-process, 25+) behind ClickHouse's HTTP
interface, so the connector's own statements — DDL, RowBinary inserts,
column discovery, profiles, the one-scan summaries, compliance counts —
run unchanged on today's dialect, and the Go tests compare what comes back
with the in-memory engine, as they do against the old Debian server.

usage: chdb_server.py PORT PASSWORD DATA_DIR

Only what the connector sends is served: POST / with the statement in the
body (an INSERT's RowBinary rows after its first line), basic auth, the
database and max_execution_time parameters; GET /ping. Errors keep
ClickHouse's own text ("Code: N. DB::Exception: ..."), HTTP 500. Answers are
TabSeparated unless the statement names its FORMAT, as the server's are.
"""

import base64
import os
import re
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from chdb import session

PORT, PASSWORD, DATA = int(sys.argv[1]), sys.argv[2], sys.argv[3]
db = session.Session(DATA)
lock = threading.Lock()  # one statement at a time: a session is one connection

INSERT = re.compile(rb"^\s*INSERT\s+INTO\s+(.+?)\s+FORMAT\s+RowBinary\s*\n", re.I | re.S)
IDENT = re.compile(r"^`((?:[^`\\]|\\.)+)`(?:\.`((?:[^`\\]|\\.)+)`)?$")


def literal(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def insert(target, rows):
    """INSERT ... FORMAT RowBinary: the rows go through a file, read back
    with the table's own structure."""
    m = IDENT.match(target.decode())
    if not m:
        raise ValueError("Code: 62. DB::Exception: the test server inserts only into `table` or `database`.`table`")
    database, table = (m.group(1), m.group(2)) if m.group(2) else (None, m.group(1))
    where = f"database = {literal(database)}" if database else "database = currentDatabase()"
    cols = db.query(f"SELECT name, type FROM system.columns WHERE {where} AND table = {literal(table)} ORDER BY position", "TSV").bytes()
    structure = ", ".join(f"`{n}` {t}" for n, t in (line.split("\t") for line in cols.decode().splitlines()))
    with tempfile.NamedTemporaryFile(dir=DATA, suffix=".bin", delete=False) as f:
        f.write(rows)
    try:
        db.query(f"INSERT INTO {target.decode()} SELECT * FROM file({literal(f.name)}, 'RowBinary', {literal(structure)})")
    finally:
        os.unlink(f.name)
    return b""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.reply(200, b"Ok.\n") if urlparse(self.path).path == "/ping" else self.reply(404, b"")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        auth = self.headers.get("Authorization", "")
        user, _, password = base64.b64decode(auth[6:]).decode().partition(":") if auth.startswith("Basic ") else ("", "", "")
        if user != "default" or password != PASSWORD:
            return self.reply(401, f"Code: 516. DB::Exception: {user}: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED)".encode())
        params = parse_qs(urlparse(self.path).query)
        if body.lstrip().upper().startswith(b"KILL QUERY"):
            return self.reply(200, b"")  # statements run one at a time here: nothing to kill
        try:
            with lock:
                db.query(f"USE `{params.get('database', ['default'])[0]}`")
                db.query(f"SET max_execution_time = {int(params.get('max_execution_time', ['0'])[0])}")
                m = INSERT.match(body)
                out = insert(m.group(1), body[m.end():]) if m else db.query(body.decode(), "TabSeparated").bytes()
        except Exception as e:  # chdb raises ClickHouse's own message
            return self.reply(500, str(e).encode())
        self.reply(200, out)


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
