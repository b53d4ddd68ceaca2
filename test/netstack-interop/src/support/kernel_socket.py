"""A Linux TCP socket remote-controlled by the interop tests.

Runs inside the lab namespace (ip netns exec). Reads one JSON request per line on stdin,
{"id": 1, "op": "connect", ...}, runs each in its own thread (so a blocking recv does not
stop a later shutdown or close), and answers with one JSON line per request:
{"id": 1, "ok": true, ...} or {"id": 1, "ok": false, "errno": "ECONNRESET", "error": "..."}.
Payload is random bytes; both ends compare SHA-256 digests, never contents.
"""
import errno
import hashlib
import json
import os
import socket
import sys
import threading

out_lock = threading.Lock()
state = {"listener": None, "conn": None}


def reply(rid, ok, **fields):
    with out_lock:
        sys.stdout.write(json.dumps({"id": rid, "ok": ok, **fields}) + "\n")
        sys.stdout.flush()


def conn():
    if state["conn"] is None:
        raise RuntimeError("no connection yet")
    return state["conn"]


def apply_buffers(sock, req):
    if "rcvbuf" in req:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, req["rcvbuf"])
    if "sndbuf" in req:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, req["sndbuf"])


def op_listen(req):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    apply_buffers(s, req)
    s.bind((req.get("addr", "0.0.0.0"), req["port"]))
    s.listen(req.get("backlog", 16))
    state["listener"] = s
    return {}


def op_accept(req):
    c, peer = state["listener"].accept()
    state["conn"] = c
    return {"peer": "%s:%d" % peer}


def op_connect(req):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    apply_buffers(s, req)
    s.connect((req["host"], req["port"]))
    state["conn"] = s
    return {"local": "%s:%d" % s.getsockname()}


def op_keepalive(req):
    c = conn()
    c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, req["idle"])
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, req["interval"])
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, req["count"])
    return {}


def op_send(req):
    data = os.urandom(req["size"])
    conn().sendall(data)
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def op_recv(req):
    """Receives until `size` bytes (or EOF when size is absent) and digests them."""
    c, digest, total, limit = conn(), hashlib.sha256(), 0, req.get("size")
    eof = False
    while limit is None or total < limit:
        chunk = c.recv(1 << 20 if limit is None else min(1 << 20, limit - total))
        if not chunk:
            eof = True
            break
        digest.update(chunk)
        total += len(chunk)
    return {"bytes": total, "sha256": digest.hexdigest(), "eof": eof}


def op_shutdown_wr(req):
    conn().shutdown(socket.SHUT_WR)
    return {}


def op_close(req):
    conn().close()
    return {}


OPS = {
    "listen": op_listen,
    "accept": op_accept,
    "connect": op_connect,
    "keepalive": op_keepalive,
    "send": op_send,
    "recv": op_recv,
    "shutdown_wr": op_shutdown_wr,
    "close": op_close,
}


def run(req):
    rid = req.get("id")
    try:
        reply(rid, True, **OPS[req["op"]](req))
    except OSError as e:
        reply(rid, False, errno=errno.errorcode.get(e.errno, str(e.errno)), error=str(e))
    except Exception as e:  # a bad request: report it instead of hanging the test
        reply(rid, False, errno=None, error="%s: %s" % (type(e).__name__, e))


reply(0, True, ready=True)
for line in sys.stdin:
    if line.strip():
        threading.Thread(target=run, args=(json.loads(line),), daemon=True).start()
