"""What people wait for in the browser: ours against a minimal two-page Streamlit app, in headless Chromium.

    .venv/bin/python bench/bench_browser.py                  # demo and 200,000-row history, 5 repetitions
    .venv/bin/python bench/bench_browser.py --only demo --reps 3
    .venv/bin/python bench/bench_browser.py --profile filter # also a JS CPU profile of ours' filter change (history)
    .venv/bin/python bench/bench_browser.py --first portfolio # ours opens on the portfolio page at / instead

Servers, each `streamlit run` on a free port of 127.0.0.1 (the project's .venv Python), waited for through
/_stcore/health:
  - floor: a two-page app written into a temporary folder (st.navigation with two st.Page files; per page
    one st.metric, one plotly bar chart, one small st.dataframe, and a sidebar st.multiselect that filters
    the chart), with the project's .streamlit/config.toml (the same server and runner options as ours);
  - ours, demo: `streamlit run app.py` from the checkout with PORTFOLIO_DB on a fresh temporary file (the
    app loads the demo on its first run);
  - ours, history: the same on a database loaded beforehand with `python -m portfolio load FILE --db DB` from
    bench_load.py's one-programme history (2,000 stories x 100 monthly reports = 200,000 rows).

Each repetition, for the floor and then ours (interleaved), in a fresh browser context (1440 x 900):
  (a) first page: page.goto of the root, from navigation start to finished;
  (b) page to page: a click on the sidebar link to the other page (ours: overview -> programme lines; the
      floor: page 1 -> page 2), from the click's pointerdown to finished; then the link back (timed too,
      shown as "page back");
  (c) a filter change on the first page: in a sidebar multiselect (ours: the status filter, "Rood"; the
      floor: its category filter, "B") the choice typed and picked with Enter, from Enter's keydown to
      finished;
  (d) the planning charts (issue 22): ours a click on "Planning" in the overview's chart choice (late
      stories per line and slip per story, plotly), the floor a click to its other page (its chart), from
      the click's pointerdown to finished.
"Finished": a script run has finished since the action (a script_finished message came in over the
websocket), [data-testid=stApp] has data-test-script-state=notRunning, no element is marked stale
([data-stale=true]), every st.plotly_chart holds a drawn plot (.js-plotly-plot .main-svg), and all of
that still holds after two more animation frames; the time is performance.now() after those frames.
Timed inside the page (performance.now(), event timeStamp), so Playwright's round trips are not in it.

Printed per case: the medians of the floor and ours, the ratio, the target (issue 11: first page within
1.5x the floor; page to page and a filter change within 1.5x on the demo, within 3x on the history),
PASS/FAIL; beside it the server-side part of the same interaction (from the first BackMsg the browser
sent after the action to the last script_finished it received, both taken from Chromium's network
timestamps through CDP, so a busy page does not delay them) and the main thread's script, layout and
style time over the interaction (CDP Performance.getMetrics deltas).
"""

from __future__ import annotations

import argparse
import base64
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_load

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
STARTUP_TIMEOUT = 120
FINISH_TIMEOUT_MS = 120_000
VIEWPORT = {"width": 1440, "height": 900}
TARGETS = {
    "demo": {"first": 1.5, "page": 1.5, "filter": 1.5, "planning": 1.5},
    "history": {"first": 1.5, "page": 3.0, "filter": 3.0, "planning": 3.0},
}
CASES = [
    ("first", "first page"),
    ("page", "page to page"),
    ("back", "page back"),
    ("planning", "planning charts"),
    ("filter", "filter change"),
]
SCRIPT_FINISHED = ForwardMsg.DESCRIPTOR.fields_by_name["script_finished"].number

FLOOR_MAIN = """
import streamlit as st

st.set_page_config(page_title="Floor", layout="wide")
page = st.navigation([st.Page("page_one.py", title="Page one", default=True), st.Page("page_two.py", title="Page two")])
page.run()
"""
FLOOR_PAGE = """
import pandas as pd
import plotly.express as px
import streamlit as st

st.title("{title}")
frame = pd.DataFrame({{"category": list("ABCDEFGH"), "value": [{values}]}})
chosen = st.sidebar.multiselect("Category", list(frame["category"]), placeholder="All")
shown = frame[frame["category"].isin(chosen)] if chosen else frame
st.metric("Total", f"{{shown['value'].sum():,}}")
st.plotly_chart(px.bar(shown, x="category", y="value"))
st.dataframe(shown)
"""

# Installed before any page script: counts script_finished messages (a top-level protobuf field scan of
# each ForwardMsg) and remembers the time of the last pointerdown.
INIT_SCRIPT = """
(() => {
  const FINISHED = __FINISHED__;
  window.__finished = 0;
  window.__lastPointer = null;
  window.__lastInput = null;
  addEventListener('pointerdown', (e) => { window.__lastPointer = e.timeStamp; }, true);
  addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__lastInput = e.timeStamp; }, true);
  function varint(b, i) { let v = 0, s = 0, x; do { x = b[i++]; v += (x & 127) * 2 ** s; s += 7; } while (x & 128); return [v, i]; }
  function fields(buf) {
    const b = new Uint8Array(buf), out = []; let i = 0;
    while (i < b.length) {
      let tag; [tag, i] = varint(b, i); const f = Math.floor(tag / 8), w = tag & 7; out.push(f);
      if (w === 0) { [, i] = varint(b, i); } else if (w === 1) { i += 8; } else if (w === 5) { i += 4; }
      else if (w === 2) { let n; [n, i] = varint(b, i); i += n; } else { break; }
    }
    return out;
  }
  const Orig = window.WebSocket;
  function Wrapped(url, protocols) {
    const ws = protocols === undefined ? new Orig(url) : new Orig(url, protocols);
    ws.addEventListener('message', (e) => {
      if (e.data instanceof ArrayBuffer && fields(e.data).includes(FINISHED)) window.__finished += 1;
    });
    return ws;
  }
  Wrapped.prototype = Orig.prototype;
  for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Wrapped[k] = Orig[k];
  window.WebSocket = Wrapped;
})();
""".replace("__FINISHED__", str(SCRIPT_FINISHED))

# Resolves with performance.now() once the page is finished (see the module docstring).
WAIT_FINISHED = """
async (since) => {
  const raf = () => new Promise((r) => requestAnimationFrame(() => r()));
  const done = () => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (window.__finished <= since) return false;
    if (!document.querySelector("[data-testid='stMain']")) return false;
    if (document.querySelector("[data-stale='true']")) return false;
    for (const chart of document.querySelectorAll("[data-testid='stPlotlyChart']")) {
      if (!chart.querySelector('.js-plotly-plot .main-svg')) return false;
    }
    return true;
  };
  const deadline = performance.now() + __TIMEOUT__;
  while (performance.now() < deadline) {
    if (done()) {
      await raf(); await raf();
      if (done()) return performance.now();
    } else {
      await raf();
    }
  }
  throw new Error('not finished in time');
}
""".replace("__TIMEOUT__", str(FINISH_TIMEOUT_MS))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(app: str, cwd: Path, env: dict, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [str(PYTHON), "-m", "streamlit", "run", app, "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(process)
    raise TimeoutError(f"{url} did not become healthy in {STARTUP_TIMEOUT} s")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def write_floor(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "floor.py").write_text(FLOOR_MAIN)
    (directory / "page_one.py").write_text(FLOOR_PAGE.format(title="Page one", values="5, 3, 8, 2, 7, 4, 6, 1"))
    (directory / "page_two.py").write_text(FLOOR_PAGE.format(title="Page two", values="2, 9, 4, 6, 1, 8, 3, 5"))
    (directory / ".streamlit").mkdir(exist_ok=True)
    shutil.copy(ROOT / ".streamlit" / "config.toml", directory / ".streamlit" / "config.toml")
    return directory


def write_history(directory: Path) -> Path:
    """bench_load.py's csv-utf8 input: 2,000 stories x 100 reports of one programme, Excel NL notation."""
    import random

    path = directory / "history_utf8.csv"
    bench_load.write_csv(
        path, bench_load.history_rows(random.Random(bench_load.SEED), 2_000, 100, as_text=True), "utf-8"
    )
    return path


class Network:
    """Chromium's own timestamps of the websocket frames (CDP), to tell the server's share of a wait."""

    def __init__(self, cdp):
        self.sent: list[float] = []
        self.finished: list[float] = []
        cdp.on("Network.webSocketFrameSent", self._sent)
        cdp.on("Network.webSocketFrameReceived", self._received)
        cdp.send("Network.enable")

    def _sent(self, event) -> None:
        frame = event["response"]
        if frame.get("opcode") == 2:
            message = BackMsg.FromString(base64.b64decode(frame["payloadData"]))
            if message.WhichOneof("type") == "rerun_script":
                self.sent.append(event["timestamp"])

    def _received(self, event) -> None:
        frame = event["response"]
        if frame.get("opcode") == 2:
            message = ForwardMsg.FromString(base64.b64decode(frame["payloadData"]))
            if message.WhichOneof("type") == "script_finished":
                self.finished.append(event["timestamp"])

    def mark(self) -> tuple[int, int]:
        return len(self.sent), len(self.finished)

    def server_seconds(self, mark: tuple[int, int]) -> float | None:
        sent, finished = self.sent[mark[0] :], self.finished[mark[1] :]
        if not sent or not finished:
            return None
        return finished[-1] - sent[0]


def metrics(cdp) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def main_thread(before: dict, after: dict) -> dict[str, float]:
    names = {"script": "ScriptDuration", "layout": "LayoutDuration", "style": "RecalcStyleDuration"}
    names["task"] = "TaskDuration"
    return {k: after[v] - before[v] for k, v in names.items()}


class Flow:
    """One fresh browser context on one app: first page, page to page and back, a filter change."""

    def __init__(self, browser, kind: str, url: str, profile: str | None = None, first: str = "overview"):
        self.kind, self.url, self.profile, self.first = kind, url, profile, first
        self.choice = "Rood" if kind == "ours" else "B"  # ours: the status filter's red; the floor: category B
        self.context = browser.new_context(viewport=VIEWPORT)
        self.context.add_init_script(INIT_SCRIPT)
        self.page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Performance.enable")
        self.network = Network(self.cdp)
        self.results: dict[str, dict] = {}
        self.profiles: dict[str, dict] = {}

    def close(self) -> None:
        self.context.close()

    def _finished(self) -> int:
        return self.page.evaluate("window.__finished")

    def _timed(self, case: str, act, start_js: str) -> None:
        since = self._finished() if case != "first" else 0
        mark, before = self.network.mark(), metrics(self.cdp)
        if self.profile == case:
            self.cdp.send("Profiler.enable")
            self.cdp.send("Profiler.setSamplingInterval", {"interval": 200})
            self.cdp.send("Profiler.start")
        act()
        end = self.page.evaluate(WAIT_FINISHED, since)
        if self.profile == case:
            self.profiles[case] = self.cdp.send("Profiler.stop")["profile"]
        start = self.page.evaluate(start_js)
        after = metrics(self.cdp)
        self.results[case] = {
            "seconds": (end - start) / 1000,
            "server": self.network.server_seconds(mark),
            "runs": len(self.network.finished) - mark[1],
            **main_thread(before, after),
        }

    def _nav_link(self, index: int):
        return self.page.locator("[data-testid='stSidebarNav'] a").nth(index)

    def _ours_link(self, path: str):
        return self.page.locator(f"[data-testid='stSidebarNav'] a[href$='/{path}']").first

    def run(self) -> dict[str, dict]:
        page = self.page
        # ours opens on its overview (/overview), or with --first portfolio on the page a user lands on at /
        # (every programme at its latest report); page to page then goes portfolio -> programme lines
        first = self.url + (f"/{'' if self.first == 'portfolio' else 'overview'}" if self.kind == "ours" else "")
        self._timed("first", lambda: page.goto(first, wait_until="commit"), "0")
        # the other page: ours' programme lines, the floor's page two; then back
        if self.kind == "ours":
            other, back = self._ours_link("lines"), self._ours_link("overview")
        else:
            other, back = self._nav_link(1), self._nav_link(0)
        self._timed("page", lambda: other.click(), "window.__lastPointer")
        self._timed("back", lambda: back.click(), "window.__lastPointer")
        # the overview's planning charts (issue 22), on the whole report: ours a click on 'Planning' in its
        # chart choice and back to the first charts; the floor has no such choice and goes to its other
        # page, with its chart, and back
        if self.kind == "ours":
            planning = page.locator("[data-testid='stMain']").get_by_text("Planning", exact=True).first
            first_charts = page.locator("[data-testid='stMain']").get_by_text("Bedragen per lijn", exact=True).first
        else:
            planning, first_charts = self._nav_link(1), self._nav_link(0)
        self._timed("planning", lambda: planning.click(), "window.__lastPointer")
        first_charts.click()
        self.page.evaluate(WAIT_FINISHED, self._finished())
        box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").last
        # type to narrow the list, Enter to pick (a click on an option can miss when the list re-renders)
        for _ in range(3):
            box.locator("input").click()
            page.keyboard.type(self.choice)
            try:
                page.get_by_role("option", name=self.choice).first.wait_for(timeout=10_000)
                break
            except PlaywrightTimeout:
                page.keyboard.press("Escape")
        self._timed("filter", lambda: page.keyboard.press("Enter"), "window.__lastInput")
        return self.results


def top_functions(profile: dict, count: int = 15) -> list[tuple[float, str]]:
    """Self time (s) per function of a CDP CPU profile, largest first."""
    nodes = {n["id"]: n for n in profile["nodes"]}
    self_us: dict[int, float] = {}
    deltas = profile.get("timeDeltas", [])
    for sample, delta in zip(profile.get("samples", [])[1:], deltas[1:], strict=False):
        self_us[sample] = self_us.get(sample, 0.0) + delta
    by_name: dict[str, float] = {}
    for node_id, us in self_us.items():
        frame = nodes[node_id]["callFrame"]
        where = frame["url"].rsplit("/", 1)[-1] or "(native)"
        name = f"{frame['functionName'] or '(anonymous)'} {where}:{frame['lineNumber'] + 1}:{frame['columnNumber'] + 1}"
        by_name[name] = by_name.get(name, 0.0) + us
    by_url: dict[str, float] = {}
    for node_id, us in self_us.items():
        frame = nodes[node_id]["callFrame"]
        key = frame["url"].rsplit("/", 1)[-1] or frame["functionName"] or "(native)"
        by_url[key] = by_url.get(key, 0.0) + us
    print(
        "  self time by script (s):",
        ", ".join(f"{k} {v / 1e6:.2f}" for k, v in sorted(by_url.items(), key=lambda kv: -kv[1])[:8]),
    )
    return sorted(((us / 1e6, name) for name, us in by_name.items()), reverse=True)[:count]


def fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def report(config: str, runs: dict[str, list[dict]]) -> list[str]:
    rows = []
    for case, label in CASES:
        floor = [r[case] for r in runs["floor"]]
        ours = [r[case] for r in runs["ours"]]
        f_med = statistics.median(r["seconds"] for r in floor)
        o_med = statistics.median(r["seconds"] for r in ours)
        ratio = o_med / f_med
        target = TARGETS[config].get(case)
        result = "" if target is None else ("PASS" if ratio <= target else "FAIL")
        servers = [r["server"] for r in ours if r["server"] is not None]
        f_servers = [r["server"] for r in floor if r["server"] is not None]
        o_server = statistics.median(servers) if servers else None
        f_server = statistics.median(f_servers) if f_servers else None
        parts = {k: statistics.median(r[k] for r in ours) for k in ("script", "layout", "style", "task")}
        spread = f"{min(r['seconds'] for r in ours):.2f}-{max(r['seconds'] for r in ours):.2f}"
        rows.append(
            f"| {config} | {label} | {f_med:.3f} | {o_med:.3f} ({spread}) | {ratio:.2f} | "
            f"{'-' if target is None else f'{target:g}'} | {result or '-'} | {fmt(f_server, 3)} | {fmt(o_server, 3)} | "
            f"{parts['task']:.2f} / {parts['script']:.2f} / {parts['layout']:.2f} / {parts['style']:.2f} |"
        )
    return rows


HEADER = (
    "| data | case | floor s | ours s (range) | ratio | target | result | floor server s | ours server s "
    "| ours renderer s: task / script / layout / style |\n|---|---|---:|---:|---:|---:|---|---:|---:|---|"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--only", choices=["demo", "history"], default=None)
    parser.add_argument(
        "--profile",
        choices=[case for case, _ in CASES],
        default=None,
        help="a JS CPU profile of this case of ours (first repetition) on the history, or on the data --only names",
    )
    parser.add_argument(
        "--first",
        choices=["overview", "portfolio"],
        default="overview",
        help="ours' first page: the overview (the default, the heavier page) or the portfolio page at /",
    )
    parser.add_argument("--keep", type=Path, default=None, help="keep the temporary files here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    configs = [args.only] if args.only else ["demo", "history"]
    workdir = Path(tempfile.mkdtemp(prefix="bench-browser-")) if args.keep is None else args.keep
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"nproc {os.cpu_count()}, load average {os.getloadavg()}, workdir {workdir}", flush=True)
    servers: list[subprocess.Popen] = []
    lines: list[str] = []
    try:
        floor_dir = write_floor(workdir / "floor")
        floor, floor_url = start_server("floor.py", floor_dir, dict(os.environ), workdir / "floor.log")
        servers.append(floor)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            for config in configs:
                database = workdir / f"{config}.duckdb"
                database.unlink(missing_ok=True)
                if config == "history":
                    csv = write_history(workdir)
                    started = time.monotonic()
                    subprocess.run(
                        [str(PYTHON), "-m", "portfolio", "load", str(csv), "--db", str(database)],
                        cwd=ROOT,
                        check=True,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                    print(f"history loaded in {time.monotonic() - started:.1f} s", flush=True)
                env = dict(os.environ, PORTFOLIO_DB=str(database))
                ours, ours_url = start_server("app.py", ROOT, env, workdir / f"{config}.log")
                servers.append(ours)
                # one untimed warm-up each (the first run of a server imports and, for the demo, loads)
                for kind, url in (("floor", floor_url), ("ours", ours_url)):
                    warm = Flow(browser, kind, url)
                    warm.run()
                    warm.close()
                runs: dict[str, list[dict]] = {"floor": [], "ours": []}
                for rep in range(args.reps):
                    for kind, url in (("floor", floor_url), ("ours", ours_url)):
                        profile = (
                            args.profile if kind == "ours" and rep == 0 and config == (args.only or "history") else None
                        )
                        flow = Flow(browser, kind, url, profile, args.first)
                        try:
                            result = flow.run()
                        finally:
                            flow.close()
                        runs[kind].append(result)
                        print(
                            f"{config} rep {rep + 1} {kind}: "
                            + ", ".join(
                                f"{c} {r['seconds']:.2f} (server {fmt(r['server'])}, runs {r['runs']})"
                                for c, r in result.items()
                            ),
                            flush=True,
                        )
                        if flow.profiles:
                            print(f"  JS profile of ours, {config}, {args.profile} (s self time):")
                            for seconds, name in top_functions(flow.profiles[args.profile]):
                                print(f"  {seconds:6.3f}  {name}")
                stop_server(ours)
                servers.remove(ours)
                lines += report(config, runs)
                print(HEADER, *lines, sep="\n", flush=True)
            browser.close()
    finally:
        for process in servers:
            stop_server(process)
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"load average at the end {os.getloadavg()}")
    print(textwrap.dedent(HEADER), *lines, sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
