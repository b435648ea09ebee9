"""Parse an untrusted export in a child process, with a memory limit and a timeout.

`parse_untrusted` gives what `ingest.parse_export` gives, or, where the parse crashed, ran out of its
memory or out of its time, a ParsedExport with one error saying so: never an exception, and never a
dead server. The reading code bounds the work a file can cause before it allocates (portfolio.reading);
this is the second wall, for what those bounds do not foresee (a reader bug, a format not checked
before reading such as .xls).

Each parse runs in a process forked from a fork server started once per process, which imported
`portfolio.ingest` (pandas, numpy, calamine) at its start: a parse costs a fork, not an interpreter
importing pandas. The app process has many threads (Streamlit, DuckDB), so it never forks itself.

Settings (environment):
- PORTFOLIO_PARSE_MEMORY_MB (default 2048): how much the child's address space may grow while it
  parses (RLIMIT_AS is set to what the child has mapped when it starts, plus this);
- PORTFOLIO_PARSE_TIMEOUT (seconds, default 120): a parse still running then is killed.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import multiprocessing.context
import os
import resource
import signal
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing import forkserver, popen_forkserver, spawn, util

from portfolio import ingest
from portfolio.ingest.model import ParsedExport, _safe_name, checksum
from portfolio.problems import error

log = logging.getLogger(__name__)

DEFAULT_MEMORY_MB = 2048
DEFAULT_TIMEOUT = 120.0
PRELOAD = ["portfolio.ingest", "portfolio.sandbox"]
EXIT_WAIT = 10  # seconds a child that has answered gets to end before it is killed
POLL_INTERVAL = 0.1  # seconds between looks at a running parse's stderr
OUT_OF_MEMORY_GRACE = 3.0  # seconds a child that printed a failed allocation gets to answer or end
STDERR_TAIL = 8192  # bytes of the child's stderr kept for the log and to tell a failed allocation
# what a failed allocation prints before the process aborts (Rust, C++, CPython)
OUT_OF_MEMORY_SIGNS = ("memory allocation of", "bad_alloc", "MemoryError", "Cannot allocate memory", "out of memory")

_LOCK = threading.Lock()
_context: multiprocessing.context.BaseContext | None = None


def memory_mb() -> int:
    return _setting("PORTFOLIO_PARSE_MEMORY_MB", DEFAULT_MEMORY_MB, int)


def timeout() -> float:
    return _setting("PORTFOLIO_PARSE_TIMEOUT", DEFAULT_TIMEOUT, float)


def _setting(name: str, default, kind):
    try:
        value = kind(os.environ.get(name, default))
    except ValueError:
        log.warning("%s=%r is not a number; using %s", name, os.environ.get(name), default)
        return default
    return value if value > 0 else default


def parse_untrusted(
    data: bytes,
    filename: str,
    *,
    parser: Callable[..., ParsedExport] = ingest.parse_export,
    fork: bool = False,
    **options,
) -> ParsedExport:
    """`parser(data, filename, **options)` (ingest.parse_export) in a child process; failures as a refusal.

    `parser` must be importable by name (a module-level function); tests pass one that misbehaves.
    With `fork`, a process that runs no other thread (the command line, before it opens the database)
    forks itself instead of starting a fork server: the child has everything imported already, and the
    load does not wait a second for a fork server to import pandas. Ignored when other threads run.
    """
    limit_mb, seconds = memory_mb(), timeout()
    timed_out = threading.Event()
    outcome, process, receiver, sender, stderr_path = None, None, None, None, None
    fork = fork and threading.active_count() == 1
    try:
        handle, stderr_path = tempfile.mkstemp(prefix="portfolio-parse-", suffix=".log")
        os.close(handle)
        context = multiprocessing.get_context("fork") if fork else _get_context()
        receiver, sender = context.Pipe(duplex=False)
        process = (context.Process if fork else _ParseProcess)(
            target=_child,
            # a forked child holds a copy of the receiving end too: it closes it, or a send after the
            # parent died would wait forever for a reader (itself) instead of failing
            args=(sender, parser, data, filename, options, limit_mb, stderr_path, dict(os.environ)),
            kwargs={"receiver": receiver if fork else None},
            daemon=True,
        )

        def stop():
            timed_out.set()
            process.kill()

        timer = threading.Timer(seconds, stop)
        timer.daemon = True
        process.start()
        sender.close()
        timer.start()
        try:
            outcome = _receive(receiver, stderr_path, process)
        except (EOFError, OSError):
            outcome = None
        except Exception:  # an answer that does not unpickle
            log.exception("the parse of %r sent an unreadable answer", filename)
            outcome = ("crashed", None)
        finally:
            timer.cancel()
        process.join(EXIT_WAIT)
        if process.exitcode is None:  # answered (or not) but does not end: not waited for
            process.kill()
            process.join()
    except Exception:  # no child (fork server gone, no memory, no file descriptors, no temporary file)
        log.exception("could not run a parse of %r", filename)
        outcome = ("crashed", None)
    finally:
        for connection in (receiver, sender):
            if connection is not None:
                connection.close()
        stderr = _tail(stderr_path) if stderr_path else ""
    exitcode = process.exitcode if process is not None else None
    if outcome is not None and outcome[0] == "ok":
        return outcome[1]
    key, params = _failure(outcome, exitcode, timed_out.is_set(), stderr, limit_mb, seconds)
    log.warning(
        "parse of %r refused as %s (exit code %s)%s%s",
        filename,
        key,
        exitcode,
        f"\n{outcome[1]}" if outcome is not None and outcome[1] else "",
        f"\nchild stderr:\n{stderr}" if stderr.strip() else "",
    )
    parsed = ParsedExport(filename=_safe_name(filename), checksum=checksum(data))
    parsed.problems.append(error(key, **params))
    return parsed


def _receive(receiver, stderr_path: str, process):
    """The child's answer; EOFError once the child is gone without one.

    A child whose allocation failed may hang instead of ending: the allocator's message is printed, and
    then the abort (or a backtrace it tries to print) waits on a lock that the failed allocation holds.
    Seen in about one parse in ten of the memory test. So the parent reads the child's stderr while it
    waits: once it shows a failed allocation, the child gets OUT_OF_MEMORY_GRACE seconds to answer or
    end, and is then killed (its stderr still says why, so the refusal is parse_memory)."""
    failed_allocation_at = None
    while not receiver.poll(POLL_INTERVAL):
        if failed_allocation_at is None:
            if any(sign in _peek(stderr_path) for sign in OUT_OF_MEMORY_SIGNS):
                failed_allocation_at = time.monotonic()
        elif time.monotonic() - failed_allocation_at > OUT_OF_MEMORY_GRACE:
            log.warning("a parse that failed to allocate did not end; it is killed")
            process.kill()
            raise EOFError
    return receiver.recv()


def _peek(path: str) -> str:
    """The last STDERR_TAIL bytes of the file at `path`, without removing it ('' when unreadable)."""
    try:
        with open(path, "rb") as file:
            file.seek(0, io.SEEK_END)
            file.seek(max(0, file.tell() - STDERR_TAIL))
            return file.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _failure(outcome, exitcode, timed_out: bool, stderr: str, limit_mb: int, seconds: float) -> tuple[str, dict]:
    """Which refusal a child that gave no parse earns: parse_timeout, parse_memory or parse_crashed."""
    if timed_out:
        return "parse_timeout", {"seconds": f"{seconds:g}"}
    if outcome is not None and outcome[0] == "memory":
        return "parse_memory", {"memory_mb": limit_mb}
    if outcome is None and exitcode == -signal.SIGKILL:  # killed, and not by us: the kernel's OOM killer
        return "parse_memory", {"memory_mb": limit_mb}
    if outcome is None and any(sign in stderr for sign in OUT_OF_MEMORY_SIGNS):  # aborted on an allocation
        return "parse_memory", {"memory_mb": limit_mb}
    return "parse_crashed", {}


def _tail(path: str) -> str:
    """`_peek`, and the file removed."""
    try:
        return _peek(path)
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass


def _child(sender, parser, data, filename, options, limit_mb, stderr_path, environment, receiver=None) -> None:
    """In the child: the caller's environment (the fork server has the one it started with), stderr to
    the file, the address space limited, parse, send the answer. The child dies with its parent (a
    command line killed mid-load leaves no parse behind)."""
    if receiver is not None:
        receiver.close()
    _die_with_parent()
    os.environ.clear()
    os.environ.update(environment)
    # no Rust backtrace after a failed allocation: printing one allocates, and can hang the child
    os.environ["RUST_BACKTRACE"] = "0"
    try:
        handle = os.open(stderr_path, os.O_WRONLY | os.O_APPEND)
        os.dup2(handle, 2)
        os.close(handle)
    except OSError:
        pass
    _limit_memory(limit_mb)
    try:
        answer = ("ok", parser(data, filename, **options))
    except MemoryError:
        answer = ("memory", None)
    except BaseException:
        answer = ("crashed", traceback.format_exc()[-4000:])
    del data
    try:
        sender.send(answer)
    except MemoryError:
        sender.send(("memory", None))
    except Exception:
        sender.send(("crashed", traceback.format_exc()[-4000:]))
    sender.close()


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when the process that started it ends (prctl PR_SET_PDEATHSIG)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _limit_memory(limit_mb: int) -> None:
    """RLIMIT_AS: what the process has mapped now (code, the preloaded libraries) plus `limit_mb`."""
    try:
        with open("/proc/self/status") as status:
            mapped = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):
        mapped = 0
    wanted = mapped + limit_mb * 2**20
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, wanted))


# --- the fork server ------------------------------------------------------------------------------------


def _get_context() -> multiprocessing.context.BaseContext:
    global _context
    with _LOCK:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            _context = context
        return _context


class _Popen(popen_forkserver.Popen):
    """The forkserver Popen of CPython 3.11, but the child is not told to import the caller's __main__.

    multiprocessing re-runs the parent's main module in each child. Under Streamlit, __main__ is
    the page script being run (Streamlit puts it there): the child would run the upload page. The
    child needs nothing but the preloaded modules and the function it is given (pickled by name).
    """

    def _launch(self, process_obj):
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_path", None)
        prep_data.pop("init_main_from_name", None)
        buf = io.BytesIO()
        multiprocessing.context.set_spawning_popen(self)
        try:
            multiprocessing.context.reduction.dump(prep_data, buf)
            multiprocessing.context.reduction.dump(process_obj, buf)
        finally:
            multiprocessing.context.set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)
        _parent_w = os.dup(w)  # a sentinel of the parent for the child, as CPython does
        self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _ParseProcess(multiprocessing.context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj):
        return _Popen(process_obj)
