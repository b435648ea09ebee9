"""A crowd on the overview: filter changes answered while 20 people change filters every few seconds.

    .venv/bin/python bench/bench_crowd.py                       # 20 clients for 60 s, after 12 changes alone
    .venv/bin/python bench/bench_crowd.py --clients 5 --duration 20 --baseline-changes 5
    .venv/bin/python bench/bench_crowd.py --json /tmp/crowd.json --py-spy /path/to/py-spy --py-spy-out /tmp/gil.txt

Starts `streamlit run app.py` (the project's .venv Python) on a free port of 127.0.0.1 with PORTFOLIO_DB
pointing at a fresh temporary file (the app loads the demo data into an empty database on its first run),
waits for /_stcore/health, then plays simulated clients. The server runs from a copy of the working tree
(tracked and new files) in a temporary directory, so that edits in the checkout during a run do not make
Streamlit reload the app under the crowd (--in-place serves the checkout itself, --app-dir another copy,
--option NAME=VALUE passes a Streamlit option such as runner.postScriptGC=false). Each client is a real
Streamlit websocket session (ws://127.0.0.1:PORT/_stcore/stream, BackMsg/ForwardMsg protobufs, as a browser
tab speaks it: it keeps the messages the server marks cacheable and names them in every rerun, follows the
URL the app sets and the page it is on). A client opens the overview, waits for the run to finish
(ForwardMsg script_finished), then, after a pause drawn from 2-4 s each time, changes one sidebar filter
(the status or the programme line multiselect, a random other choice) and times the change from sending
the rerun to script_finished.

Two phases in one run, against the same server:
  - single: one client alone makes --baseline-changes filter changes;
  - crowd: --clients clients (arriving over the first 2 s) change filters for --duration seconds; a change
    started before the end is waited for (each at most --timeout s).
Printed: p50/p95/max of the filter changes per phase, the page opens, the server's CPU time per rerun and
its resident memory (from /proc), the load average before and after. With --py-spy, the server's GIL holder
is sampled through the crowd phase (collapsed stacks, for working out where a rerun's time goes).
Target (issue 10): crowd p95 within 1.5 s.

The answers are checked, not just timed: every run's KPI tiles (label and figure) are recorded per filter
setting and must be the same whoever asked and whenever; a run must show the filter note exactly when a
filter is set; no run may show an exception. How often the KPI figures moved on a change is printed too (a
change that answers the previous page would move none).

Loopback only, bounded (client count, duration, per-change timeout, an overall deadline); the server is
stopped (terminate, then kill) whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
HOST = "127.0.0.1"
TARGET_P95 = 1.5
FILTER_KEYS = ("filter_statuses", "filter_lines")  # the sidebar multiselects a client changes
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
FILTER_ICON = ":material/filter_alt:"  # the icon of the page's filter note (pages/_ui/sidebar.filter_note)
STARTUP_TIMEOUT = 90.0
IDLE_SECONDS = 5.0
SKIPPED_DIRS = {"tests", "docs", "bench", ".ci"}


# --- the server -----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def snapshot(dest: Path) -> Path:
    """Copy the app as it is in the working tree (tracked and new files, not tests, docs or benches).

    The server runs from the copy: Streamlit watches its source files and reloads changed modules, so an
    edit in the checkout during a run (other work going on) would otherwise reload the app under the crowd.
    """
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in listed:
        source = ROOT / name
        if not name or name.split("/", 1)[0] in SKIPPED_DIRS or not source.is_file():
            continue
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest / name)
    return dest


def start_server(app_dir: Path, port: int, database: Path, log_path: Path, options: list[str] = ()) -> subprocess.Popen:
    python = str(VENV_PYTHON if VENV_PYTHON.exists() else sys.executable)
    env = dict(os.environ, PORTFOLIO_DB=str(database))
    log = open(log_path, "w")  # noqa: SIM115 - closed with the server
    command = [python, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    command += ["--server.address", HOST, "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    for option in options:  # --option runner.postScriptGC=false -> --runner.postScriptGC false
        name, _, value = option.partition("=")
        command += [f"--{name}", value]
    process = subprocess.Popen(command, cwd=app_dir, env=env, stdout=log, stderr=subprocess.STDOUT)
    process.log = log  # type: ignore[attr-defined]
    return process


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = STARTUP_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not become healthy within {timeout} s")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    process.log.close()  # type: ignore[attr-defined]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_mib(pid: int) -> tuple[float, float]:
    """Resident memory of a process now and at its peak (VmRSS, VmHWM), MiB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return tuple(int(fields[name].split()[0]) / 1024 for name in ("VmRSS", "VmHWM"))


def machine_busy_seconds() -> tuple[float, float]:
    """CPU seconds the whole machine spent busy, and stolen by the hypervisor, since boot (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    steal = values[7] if len(values) > 7 else 0
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(values[:8]) - idle - steal) / tick, steal / tick


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# --- one simulated browser tab ----------------------------------------------------------------------------


class ProtocolError(RuntimeError):
    pass


@dataclass
class Run:
    """What one run of the script showed, as far as the checks need it."""

    seconds: float
    filters: tuple  # ((widget key, (chosen, ...)), ...) as sent
    elements: int = 0
    metrics: tuple = ()  # ((label, figure), ...) of the KPI tiles
    filter_note: bool = False
    exceptions: list = field(default_factory=list)


class Client:
    """A browser tab on the app: one websocket session, the widgets it was shown, the URL it is on."""

    def __init__(self, url: str, timeout: float):
        self.url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.timeout = timeout
        self.ws = None
        self.cache: dict[str, ForwardMsg] = {}  # cacheable messages by hash, as the browser keeps them
        self.query_string = ""
        self.page_script_hash = ""
        self.widgets: dict[str, object] = {}  # user key -> multiselect proto
        self.chosen: dict[str, list[str]] = {}  # user key -> current choice

    async def connect(self) -> None:
        self.ws = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout, ping_interval=None
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def _rerun_message(self, changed: dict[str, list[str]] | None) -> BackMsg:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_script_hash
        state.cached_message_hashes.extend(self.cache)
        state.context_info.timezone = "Europe/Amsterdam"
        state.context_info.locale = "nl-NL"
        state.context_info.url = f"{self.url.split('/_stcore')[0].replace('ws://', 'http://')}/?{self.query_string}"
        if changed:
            for key, values in {**self.chosen, **changed}.items():  # every filter widget, as a browser sends
                widget = WidgetState(id=self.widgets[key].id)
                widget.string_array_value.data.extend(values)
                state.widget_states.widgets.append(widget)
        return message

    async def run(self, changed: dict[str, list[str]] | None = None) -> Run:
        """Send a rerun (a first open when `changed` is None) and read until the script has finished."""
        filters = tuple(sorted((k, tuple(v)) for k, v in {**self.chosen, **(changed or {})}.items()))
        message = self._rerun_message(changed).SerializeToString()
        started = time.perf_counter()
        await self.ws.send(message)
        run = Run(0.0, filters)
        metrics = []
        async with asyncio.timeout(self.timeout):
            await self._read_run(run, metrics)
        run.seconds = time.perf_counter() - started
        run.metrics = tuple(metrics)
        if changed:
            self.chosen.update(changed)
        return run

    async def _read_run(self, run: Run, metrics: list) -> None:
        while True:
            raw = await self.ws.recv()
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "ref_hash":
                if msg.ref_hash not in self.cache:
                    raise ProtocolError(f"server referred to a message this client never got: {msg.ref_hash}")
                msg, kind = self.cache[msg.ref_hash], "delta"
            elif msg.metadata.cacheable and msg.hash:
                self.cache[msg.hash] = msg
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                what = element.WhichOneof("type")
                run.elements += 1
                if what == "metric":
                    metrics.append((element.metric.label, element.metric.body))
                elif what == "alert" and element.alert.icon == FILTER_ICON:
                    run.filter_note = True
                elif what == "exception":
                    run.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:200])
                elif what == "multiselect":
                    self._seen_multiselect(element.multiselect)
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "navigation":
                self.page_script_hash = msg.navigation.page_script_hash
            elif kind == "script_finished":
                if msg.script_finished in FINISHED:
                    return
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise ProtocolError("the script did not compile")
                # FINISHED_EARLY_FOR_RERUN: the app asked for a rerun (st.rerun); the next run follows

    def _seen_multiselect(self, proto) -> None:
        key = proto.id.split("-", 2)[-1]  # ids are "$$ID-<hash>-<user key>"
        self.widgets[key] = proto
        if key not in self.chosen:
            self.chosen[key] = list(proto.raw_values) if proto.set_value else [proto.options[i] for i in proto.default]

    def next_change(self, rng: random.Random) -> dict[str, list[str]]:
        """A user's next move: another choice in one of the filter multiselects."""
        keys = [k for k in FILTER_KEYS if k in self.widgets]
        if not keys:
            raise ProtocolError(f"no filter widget on the page (looked for {', '.join(FILTER_KEYS)})")
        key = rng.choice(keys)
        options = list(self.widgets[key].options)
        current = self.chosen.get(key, [])
        while True:
            picked = sorted(rng.sample(options, rng.choice((0, 1, 1, 2))), key=options.index)
            if picked != current:
                return {key: picked}


# --- the phases ---------------------------------------------------------------------------------------------


@dataclass
class Tally:
    """The runs of one phase and what the checks found."""

    opens: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    started: list = field(default_factory=list)  # perf_counter at each change's send, beside `changes`
    opened: list = field(default_factory=list)  # perf_counter when each page open had finished
    errors: list = field(default_factory=list)
    moved: int = 0  # changes whose KPI figures differ from the run before

    def after_opens(self) -> list[float]:
        """The changes sent once every client's page had opened (the arrival burst over)."""
        last = max(self.opened, default=float("-inf"))
        return [seconds for seconds, started in zip(self.changes, self.started) if started >= last]


class Checker:
    """Every run's KPI tiles per filter setting must agree, whoever asked and whenever."""

    def __init__(self):
        self.reference: dict[tuple, tuple] = {}
        self.mismatches: list[str] = []
        self.runs = 0

    def check(self, run: Run) -> None:
        self.runs += 1
        if run.exceptions:
            self.mismatches.append(f"exception shown for {run.filters}: {run.exceptions[0]}")
        active = any(values for _, values in run.filters)
        if run.filter_note != active:
            self.mismatches.append(f"filter note {'shown' if run.filter_note else 'missing'} for {run.filters}")
        if not run.metrics:
            self.mismatches.append(f"no KPI tiles for {run.filters}")
        expected = self.reference.setdefault(run.filters, run.metrics)
        if expected != run.metrics:
            self.mismatches.append(f"KPI tiles for {run.filters}: {run.metrics} != {expected}")


async def client_session(
    url: str,
    rng: random.Random,
    checker: Checker,
    tally: Tally,
    *,
    start_delay: float,
    changes: int | None,
    until: float | None,
    pause: tuple[float, float],
    timeout: float,
) -> None:
    """One user: open the overview, then change a filter after every pause until the phase ends."""
    await asyncio.sleep(start_delay)
    client = Client(url, timeout)
    try:
        await client.connect()
        opened = await client.run()
        checker.check(opened)
        tally.opens.append(opened.seconds)
        tally.opened.append(time.perf_counter())
        previous = opened
        done = 0
        while changes is None or done < changes:
            await asyncio.sleep(rng.uniform(*pause))
            if until is not None and time.monotonic() >= until:
                break
            started = time.perf_counter()
            run = await client.run(client.next_change(rng))
            checker.check(run)
            tally.changes.append(run.seconds)
            tally.started.append(started)
            tally.moved += run.metrics != previous.metrics
            previous = run
            done += 1
    except (TimeoutError, OSError, ProtocolError, websockets.WebSocketException) as problem:
        tally.errors.append(f"{type(problem).__name__}: {problem}")
    finally:
        await client.close()


async def phase(
    url: str,
    checker: Checker,
    *,
    clients: int,
    changes: int | None,
    duration: float | None,
    pause: tuple[float, float],
    timeout: float,
    seed: int,
    arrival: float,
) -> Tally:
    tally = Tally()
    until = time.monotonic() + duration if duration is not None else None
    await asyncio.gather(
        *(
            client_session(
                url,
                random.Random(seed + i),
                checker,
                tally,
                start_delay=arrival * i / max(1, clients),
                changes=changes,
                until=until,
                pause=pause,
                timeout=timeout,
            )
            for i in range(clients)
        )
    )
    return tally


# --- figures ------------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile by linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "p50": statistics.median(values),
        "p95": percentile(values, 95),
        "max": max(values),
        "mean": statistics.fmean(values),
    }


def row(name: str, stats: dict) -> str:
    if not stats.get("n"):
        return f"| {name} | 0 | | | | |"
    figures = " | ".join(f"{stats[k]:.3f}" for k in ("p50", "p95", "max", "mean"))
    return f"| {name} | {stats['n']} | {figures} |"


# --- main ---------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20, help="clients in the crowd (default 20, at most 200)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds the crowd changes filters (<= 900)")
    parser.add_argument("--baseline-changes", type=int, default=12, help="filter changes of the client alone")
    parser.add_argument(
        "--pause",
        type=float,
        nargs=2,
        default=(2.0, 4.0),
        metavar=("MIN", "MAX"),
        help="seconds between a page's answer and the next change (default 2 4)",
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one run may take before it fails")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--json", type=Path, help="write the figures as JSON here too")
    parser.add_argument("--keep", type=Path, help="keep the server log and database in this directory")
    parser.add_argument(
        "--py-spy", dest="py_spy", help="path of a py-spy binary: sample the server's GIL holder in the crowd"
    )
    parser.add_argument(
        "--py-spy-out",
        dest="py_spy_out",
        type=Path,
        default=Path("crowd-profile.txt"),
        help="where py-spy writes its collapsed stacks (default ./crowd-profile.txt)",
    )
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a Streamlit option for the server, e.g. runner.postScriptGC=false (repeatable)",
    )
    parser.add_argument("--app-dir", type=Path, help="serve the app in this directory (an altered copy, say)")
    parser.add_argument(
        "--in-place", action="store_true", help="serve the checkout itself, not a copy of its working tree"
    )
    args = parser.parse_args()
    if not 1 <= args.clients <= 200 or not 0 < args.duration <= 900 or not 0 < args.pause[0] <= args.pause[1]:
        parser.error("bounds: 1-200 clients, 0-900 s, 0 < pause MIN <= MAX")

    workdir = Path(tempfile.mkdtemp(prefix="bench_crowd_")) if args.keep is None else args.keep
    workdir.mkdir(parents=True, exist_ok=True)
    database = workdir / "crowd.duckdb"
    for stale in (database, database.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    port = free_port()
    url = f"http://{HOST}:{port}"
    pause = tuple(args.pause)
    load_before = load_average()
    started_at = dt.datetime.now().astimezone()
    print(f"{started_at:%Y-%m-%d %H:%M %Z}  {platform.python_version()}  nproc {os.cpu_count()}  load {load_before}")
    if args.app_dir is not None:
        app_dir = args.app_dir.resolve()
    elif args.in_place:
        app_dir = ROOT
    else:
        shutil.rmtree(workdir / "app", ignore_errors=True)
        app_dir = snapshot(workdir / "app")
    print(f"server: streamlit run app.py in {app_dir} on {url}, database {database}")
    if args.option:
        print(f"server options: {' '.join(args.option)}")
    server = start_server(app_dir, port, database, workdir / "streamlit.log", args.option)
    spy = None
    results: dict = {}
    try:
        wait_healthy(url, server)
        checker = Checker()
        deadline = args.timeout * 2 + 60

        # one client alone; its first open also loads the demo data into the empty database (not counted)
        warm = asyncio.run(
            phase(
                url,
                checker,
                clients=1,
                changes=0,
                duration=None,
                pause=pause,
                timeout=STARTUP_TIMEOUT,
                seed=args.seed - 1,
                arrival=0,
            )
        )
        idle0 = cpu_seconds(server.pid)
        time.sleep(IDLE_SECONDS)  # what the server burns with no session open, for scale
        idle_cpu = (cpu_seconds(server.pid) - idle0) / IDLE_SECONDS
        cpu0, own0, wall0 = cpu_seconds(server.pid), own_cpu_seconds(), time.monotonic()
        single = asyncio.run(
            asyncio.wait_for(
                phase(
                    url,
                    checker,
                    clients=1,
                    changes=args.baseline_changes,
                    duration=None,
                    pause=pause,
                    timeout=args.timeout,
                    seed=args.seed,
                    arrival=0,
                ),
                args.baseline_changes * (args.pause[1] + args.timeout) + deadline,
            )
        )
        cpu1, own1, wall1 = cpu_seconds(server.pid), own_cpu_seconds(), time.monotonic()
        busy1, steal1 = machine_busy_seconds()
        rss1 = memory_mib(server.pid)

        if args.py_spy:
            spy = subprocess.Popen(
                [
                    args.py_spy,
                    "record",
                    "--pid",
                    str(server.pid),
                    "--format",
                    "raw",
                    "--rate",
                    "100",
                    "--threads",
                    "--nonblocking",
                    "--gil",
                    "--output",
                    str(args.py_spy_out),
                    "--duration",
                    str(int(args.duration + 5)),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
            )
        crowd = asyncio.run(
            asyncio.wait_for(
                phase(
                    url,
                    checker,
                    clients=args.clients,
                    changes=None,
                    duration=args.duration,
                    pause=pause,
                    timeout=args.timeout,
                    seed=args.seed + 1000,
                    arrival=2.0,
                ),
                args.duration + deadline,
            )
        )
        cpu2, own2, wall2 = cpu_seconds(server.pid), own_cpu_seconds(), time.monotonic()
        busy2, steal2 = machine_busy_seconds()
        rss2 = memory_mib(server.pid)
        if spy is not None:
            spy.wait(timeout=60)
            spy = None
        load_after = load_average()

        results = {
            "date": started_at.isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "nproc": os.cpu_count(),
            "clients": args.clients,
            "server_options": args.option,
            "duration_s": args.duration,
            "pause_s": list(pause),
            "load_before": load_before,
            "load_after": load_after,
            "warm_up_open_s": warm.opens[0] if warm.opens else None,
            "server_idle_cpu_per_s": idle_cpu,
            "single": {
                "changes": summary(single.changes),
                "opens": summary(single.opens),
                "server_cpu_s": cpu1 - cpu0,
                "wall_s": wall1 - wall0,
                "server_rss_mib": rss1[0],
                "bench_cpu_s": own1 - own0,
                "moved": single.moved,
                "errors": single.errors,
            },
            "crowd": {
                "changes": summary(crowd.changes),
                "changes_after_opens": summary(crowd.after_opens()),
                "opens": summary(crowd.opens),
                "server_cpu_s": cpu2 - cpu1,
                "wall_s": wall2 - wall1,
                "server_rss_mib": rss2[0],
                "server_peak_rss_mib": rss2[1],
                "machine_busy_s": busy2 - busy1,
                "stolen_s": steal2 - steal1,
                "bench_cpu_s": own2 - own1,
                "moved": crowd.moved,
                "errors": crowd.errors,
            },
            "checked_runs": checker.runs,
            "filter_settings_seen": len(checker.reference),
            "distinct_kpi_answers": len(set(checker.reference.values())),
            "mismatches": checker.mismatches[:20],
            "n_mismatches": len(checker.mismatches),
        }
    finally:
        if spy is not None and spy.poll() is None:
            spy.terminate()
        stop_server(server)
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)

    print()
    print("| phase | filter changes | p50 s | p95 s | max s | mean s |")
    print("|---|---:|---:|---:|---:|---:|")
    print(row("one client alone", results["single"]["changes"]))
    print(row(f"crowd of {args.clients}", results["crowd"]["changes"]))
    print(row("crowd, changes sent after the last page open", results["crowd"]["changes_after_opens"]))
    print(row("crowd: page opens", results["crowd"]["opens"]))
    print()
    for name in ("single", "crowd"):
        part = results[name]
        reruns = part["changes"].get("n", 0) + part["opens"].get("n", 0)
        per_run = part["server_cpu_s"] / reruns if reruns else float("nan")
        print(
            f"{name}: {reruns} runs in {part['wall_s']:.0f} s, server CPU {part['server_cpu_s']:.1f} s "
            f"({per_run * 1000:.0f} ms a run, {part['server_cpu_s'] / part['wall_s']:.2f} cores), "
            f"server RSS at the end {part['server_rss_mib']:.0f} MiB, bench CPU {part['bench_cpu_s']:.1f} s, "
            f"KPI figures moved on {part['moved']} of "
            f"{part['changes'].get('n', 0)} changes, errors: {len(part['errors'])}"
        )
        for problem in part["errors"][:5]:
            print(f"  error: {problem}")
    print(
        f"checked {results['checked_runs']} runs: {results['filter_settings_seen']} filter settings, "
        f"{results['distinct_kpi_answers']} distinct KPI answers, {results['n_mismatches']} mismatches"
    )
    for problem in results["mismatches"][:5]:
        print(f"  mismatch: {problem}")
    crowd_part = results["crowd"]
    others = crowd_part["machine_busy_s"] - crowd_part["server_cpu_s"] - crowd_part["bench_cpu_s"]
    print(
        f"crowd: the machine was busy {crowd_part['machine_busy_s'] / crowd_part['wall_s']:.2f} cores, "
        f"of which other processes {others / crowd_part['wall_s']:.2f}; "
        f"stolen by the host {crowd_part['stolen_s'] / crowd_part['wall_s']:.2f}"
    )
    print(f"server CPU with no session open: {results['server_idle_cpu_per_s'] * 1000:.0f} ms a second")
    print(f"load average before {load_before}, after {results['load_after']}")
    p95 = results["crowd"]["changes"].get("p95")
    ok = (
        p95 is not None
        and p95 <= TARGET_P95
        and not results["n_mismatches"]
        and not results["crowd"]["errors"]
        and not results["single"]["errors"]
    )
    print(f"target: crowd p95 within {TARGET_P95} s: {'PASS' if ok else 'FAIL'}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
