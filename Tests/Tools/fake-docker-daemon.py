#!/usr/bin/env python3
"""A fake Docker daemon on a unix socket, for tests and benchmarks of Palisade's Engine API client.

Usage: fake-docker-daemon.py SOCKET MODE [--containers N] [--delay SECONDS] [--security-options N]

Modes that answer well-formed JSON (each request after --delay seconds, connections served in parallel):
  normal          /info, /version, /plugins, /networks, /containers/json with N containers, their inspect and top
Modes that answer every request with a malformed or hostile reply:
  chunk-minus-one, content-length-minus-five, chunk-huge, endless-cr, endless-headers,
  truncated-length, truncated-chunked, not-http
The daemon runs until killed.
"""
import argparse
import json
import socket
import socketserver
import time

HOSTILE = {
    "chunk-minus-one": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n{}\r\n0\r\n\r\n",
    "content-length-minus-five": b"HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n{}",
    "chunk-huge": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\n{}",
    "truncated-length": b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"a\": 1",
    "truncated-chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"a\": 1",
    "not-http": b"garbage that is not HTTP\r\n\r\n{}",
}
ENDLESS = {
    "endless-cr": (b"", b"\r" * 65536),
    "endless-headers": (b"HTTP/1.1 200 OK\r\n", b"X-Filler: " + b"a" * 50 + b"\r\n"),
}


def container(index):
    return "%064x" % (index + 1)


def documents(path, options):
    count = options.containers
    if path.startswith("/info"):
        return {
            "LoggingDriver": "json-file",
            "SecurityOptions": ["name=seccomp,profile=builtin"] + ["name=opt%d" % i for i in range(options.security_options)],
            "Swarm": {"LocalNodeState": "inactive"},
        }
    if path.startswith("/version"):
        return {"Version": "28.0.0", "ApiVersion": "1.48"}
    if path.startswith("/plugins") or path.startswith("/networks"):
        return []
    if path.startswith("/containers/json"):
        return [
            {"Id": container(i), "Names": ["/c%d" % i], "Image": "palisade-test:empty", "Labels": {"k%d" % i: "v"}}
            for i in range(count)
        ]
    if path.startswith("/containers/") and path.endswith("/top"):
        return {"Titles": ["UID", "PID", "CMD"], "Processes": [["root", "1", "/app"]]}
    if path.startswith("/containers/") and "/json" in path:
        identifier = path.split("/")[2]
        return {
            "Id": identifier,
            "Name": "/c",
            "AppArmorProfile": "docker-default",
            "Config": {"User": "1000", "Labels": {"a": "b"}},
            "HostConfig": {
                "Privileged": False,
                "SecurityOpt": None,
                "CapAdd": None,
                "Ulimits": [],
                "PidMode": "",
                "IpcMode": "private",
                "NetworkMode": "none",
                "UTSMode": "",
                "UsernsMode": "",
                "Memory": 0,
                "CpuShares": 0,
                "ReadonlyRootfs": False,
                "RestartPolicy": {"Name": "no", "MaximumRetryCount": 0},
                "PortBindings": {},
                "Devices": [],
            },
            "Mounts": [],
            "NetworkSettings": {"Ports": {}},
            "State": {"Running": True, "Pid": 4242},
        }
    return None


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        options = self.server.options
        request = b""
        while b"\r\n\r\n" not in request:
            data = self.request.recv(65536)
            if not data:
                return
            request += data
        path = request.split(b" ")[1].decode() if request.count(b" ") >= 2 else "/"
        if options.delay:
            time.sleep(options.delay)
        try:
            if options.mode in HOSTILE:
                self.request.sendall(HOSTILE[options.mode])
            elif options.mode in ENDLESS:
                prefix, filler = ENDLESS[options.mode]
                self.request.sendall(prefix)
                while True:
                    self.request.sendall(filler)
            else:
                document = documents(path, options)
                status = b"200 OK" if document is not None else b"404 Not Found"
                body = json.dumps(document if document is not None else {"message": "page not found"}).encode()
                self.request.sendall(
                    b"HTTP/1.1 " + status + b"\r\nContent-Type: application/json\r\nContent-Length: "
                    + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body
                )
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    # dockerd listens with the system's backlog; socketserver's default of 5 would refuse parallel requests.
    request_queue_size = 128


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("socket")
    parser.add_argument("mode")
    parser.add_argument("--containers", type=int, default=3)
    parser.add_argument("--delay", type=float, default=0)
    parser.add_argument("--security-options", type=int, default=0)
    options = parser.parse_args()
    server = Server(options.socket, Handler)
    server.options = options
    server.serve_forever()


if __name__ == "__main__":
    main()
