"""A tiny HTTP server for the sandbox: answers every GET with its name and the client's address,
and GET /bytes/N with N bytes (a large transfer, to prove full-size frames cross a path).

socketserver.TCPServer, not http.server.HTTPServer: the latter resolves its own name at bind and
waits on DNS timeouts inside an isolated namespace.
Usage: python3 whoami_server.py ADDRESS PORT NAME
"""
import http.server
import socket
import socketserver
import sys

address, port, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/bytes/"):
            body = b"x" * min(int(self.path.split("/")[2]), 16 * 1024 * 1024)
        else:
            body = f"{name} saw {self.client_address[0]}\n".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(socketserver.TCPServer):
    allow_reuse_address = True
    address_family = socket.AF_INET6 if ":" in address else socket.AF_INET


with Server((address, port), Handler) as server:
    server.serve_forever()
