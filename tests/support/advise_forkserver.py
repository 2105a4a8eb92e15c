"""A warm `advise` for tests that run shell scripts (the docs' command blocks).

A cold `advise` process spends about half a second importing (durable-rules, jsonschema,
Jinja2, networkx, …) before it does any work; the docs tests run dozens of them. This
server imports the package once and then, for each command, forks a child that becomes
`advise` exactly as the console script would: the caller's stdin/stdout/stderr (passed
over a Unix socket, so pipes and redirections are the shell's own), argv, working
directory, environment and umask, then ``sys.exit(main())`` with normal interpreter exit.
The exit status (or the signal) goes back to the caller; a caller killed on a timeout
takes its command with it.

Run as a script: ``python advise_forkserver.py SOCKET``; prints ``ready`` when it listens.
The client is ``SHIM`` below, written next to the socket as an executable named `advise`.
Nothing here is imported by the product; a cold start is still tested where it matters
(tests/test_cli_consistency.py runs the real console script through pipes and `sh`).
"""

import array
import json
import os
import select
import signal
import socket
import struct
import sys

# Environment variables that change how a fresh interpreter sets itself up (stdio encoding,
# flags, hash seed, …). A command run with values other than the server's would not behave
# as a fresh process: the shim then runs the real console script instead.
STARTUP_VARIABLES = ("LANG", "LC_ALL", "LC_CTYPE", "PYTHONIOENCODING", "PYTHONUTF8", "PYTHONHASHSEED",
                     "PYTHONDONTWRITEBYTECODE", "PYTHONWARNINGS", "PYTHONDEVMODE", "PYTHONFAULTHANDLER",
                     "PYTHONMALLOC", "PYTHONPATH", "PYTHONSAFEPATH", "PYTHONOPTIMIZE", "PYTHONUNBUFFERED")

SHIM = '''#!{python} -IS
# Test stand-in for `advise`: hands this process's stdin/stdout/stderr, arguments,
# directory and environment to a warm advise server (tests/support/advise_forkserver.py).
import array, json, os, signal, socket, struct, sys
SOCKET, REAL, EXPECTED = {socket!r}, {real!r}, {expected!r}
if {{k: os.environ.get(k) for k in EXPECTED}} != EXPECTED:
    os.execv(REAL, [REAL] + sys.argv[1:])  # a fresh interpreter would start differently: be one
mask = os.umask(0o22); os.umask(mask)
payload = json.dumps({{"argv": sys.argv, "cwd": os.getcwd(), "env": dict(os.environ), "umask": mask}}).encode()
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.connect(SOCKET)
server.sendmsg([struct.pack("!Q", len(payload))], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [0, 1, 2]))])
server.sendall(payload)
reply = server.makefile("r")
pid = int(reply.readline().split()[1])
for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
    signal.signal(number, lambda sig, frame: os.kill(pid, sig))
how, value = reply.readline().split()
if how == "signal":
    signal.signal(int(value), signal.SIG_DFL)
    os.kill(os.getpid(), int(value))
sys.exit(int(value))
'''


class _Become(Exception):
    """Raised in the forked child: unwind the server's stack, then run `advise`."""


def _receive(connection):
    header = b""
    fds = array.array("i")
    while len(header) < 8:
        data, ancillary, _, _ = connection.recvmsg(8 - len(header), socket.CMSG_SPACE(3 * fds.itemsize))
        if not data:
            raise EOFError
        header += data
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
    size = struct.unpack("!Q", header)[0]
    body = b""
    while len(body) < size:
        chunk = connection.recv(size - len(body))
        if not chunk:
            raise EOFError
        body += chunk
    return json.loads(body), list(fds)


def _wait(pid, connection):
    """waitpid, but a caller that goes away (killed on a timeout) takes the command with it."""
    try:
        process = os.pidfd_open(pid)
    except (AttributeError, OSError):
        return os.waitpid(pid, 0)
    ready, _, _ = select.select([process, connection], [], [])
    if process not in ready and not connection.recv(1):
        os.kill(pid, signal.SIGKILL)
    os.close(process)
    return os.waitpid(pid, 0)


def _handle(connection):
    """In a child of the server: fork the command, wait for it, report how it ended."""
    request, fds = _receive(connection)
    pid = os.fork()
    if pid == 0:
        connection.close()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        os.chdir(request["cwd"])
        os.umask(request["umask"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = request["argv"]
        raise _Become
    for fd in fds:
        os.close(fd)
    connection.sendall(f"pid {pid}\n".encode())
    _, status = _wait(pid, connection)
    if os.WIFSIGNALED(status):
        connection.sendall(f"signal {os.WTERMSIG(status)}\n".encode())
    else:
        connection.sendall(f"exit {os.WEXITSTATUS(status)}\n".encode())
    os._exit(0)


def _reap():
    """Collect finished handlers (so their CPU time is counted in the test run's)."""
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass


def _stop(signum, frame):
    """Wait for the commands still running, then end (their CPU time is counted too)."""
    try:
        while True:
            os.wait()
    except ChildProcessError:
        os._exit(0)


def _serve(path):
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    signal.signal(signal.SIGTERM, _stop)
    print("ready", flush=True)
    while True:
        connection, _ = listener.accept()
        _reap()
        if os.fork() == 0:
            listener.close()
            signal.signal(signal.SIGTERM, signal.SIG_DFL)  # as in a fresh process
            try:
                _handle(connection)
            except _Become:
                raise
            except BaseException:
                os._exit(70)
        connection.close()


def _import_everything():
    """What any `advise` command would import; importing has no other effect (no threads, no state)."""
    import importlib
    import pkgutil

    import jichitai_cloud_advisor
    for found in pkgutil.walk_packages(jichitai_cloud_advisor.__path__, "jichitai_cloud_advisor."):
        importlib.import_module(found.name)
    import durable.lang  # noqa: F401  (imported lazily by the adapter)


if __name__ == "__main__":
    # The console script's sys.path[0] is the venv's bin directory, not this one.
    sys.path[0] = os.path.dirname(sys.executable)
    _import_everything()
    try:
        _serve(sys.argv[1])
    except _Become:
        pass
    else:
        sys.exit(0)
    del _Become
    from jichitai_cloud_advisor.cli import main
    sys.exit(main())
