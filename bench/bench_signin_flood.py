"""A sign-in flood against a local server, and a signed-in user's filter changes alone and during it.

    .venv/bin/python bench/bench_signin_flood.py                       # 6 attackers for 40 s, 15 changes each phase
    .venv/bin/python bench/bench_signin_flood.py --attackers 12 --duration 60

Starts `streamlit run app.py` on a free port of 127.0.0.1 with built-in sign-in (one user, a real
600,000-iteration PBKDF2 hash) and a fresh database (the demo data). The user signs in and changes a
sidebar filter every second: first alone, then while K attackers each open a new websocket session with
an X-Forwarded-For address of their own (uvicorn believes it from 127.0.0.1) and try a random user name,
again and again: the per-address and per-name limits do not hold them back, so only the
one-hash-at-a-time bound of portfolio/signin.py stands between them and the cores. Loopback only,
bounded by --duration. Prints p50/p95/max of the user's filter changes alone and during the flood, the
attempts made, and the server's CPU. Issue 10: before the bound, a flood took the user's filter change
from 0.18 s to 1.1-2.1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import websockets
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.bench_crowd import (
    ROOT,
    Client,
    Run,
    cpu_seconds,
    free_port,
    load_average,
    percentile,
    start_server,
    stop_server,
    wait_healthy,
)
from portfolio import auth

PASSWORD = "kijker-wachtwoord"


class SignInClient(Client):
    """A bench_crowd client that can fill in the sign-in form, from an address of its own."""

    def __init__(self, url, timeout, address=None):
        super().__init__(url, timeout)
        self.address = address
        self.inputs = {}
        self.submit = None

    async def connect(self):
        headers = {"X-Forwarded-For": self.address} if self.address else None
        self.ws = await websockets.connect(
            self.url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
            additional_headers=headers,
        )

    async def _read_run(self, run, metrics):
        # capture text inputs and the submit button while reading
        orig_recv = self.ws.recv

        async def recv():
            raw = await orig_recv()
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
                el = msg.delta.new_element
                kind = el.WhichOneof("type")
                if kind == "text_input":
                    self.inputs[el.text_input.id.split("-", 2)[-1]] = el.text_input.id
                elif kind == "button" and el.button.is_form_submitter:
                    self.submit = el.button.id
            return raw

        self.ws.recv = recv
        try:
            await super()._read_run(run, metrics)
        finally:
            self.ws.recv = orig_recv

    async def sign_in(self, name, password):
        message = self._rerun_message(None)
        state = message.rerun_script
        for key, value in (("sign_in_name", name), ("sign_in_password", password)):
            w = WidgetState(id=self.inputs[key])
            w.string_value = value
            state.widget_states.widgets.append(w)
        w = WidgetState(id=self.submit)
        w.trigger_value = True
        state.widget_states.widgets.append(w)
        started = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        run = Run(0.0, ())
        metrics = []
        async with asyncio.timeout(self.timeout):
            await self._read_run(run, metrics)
        return time.perf_counter() - started, run, metrics


async def attacker(url, until, counts, rng):
    """New session after new session, each from another address, guessing a random name."""
    while time.monotonic() < until:
        c = SignInClient(url, 60, address=f"198.51.{rng.randrange(256)}.{rng.randrange(256)}")
        try:
            await c.connect()
            await c.run()
            await c.sign_in(f"x{rng.randrange(10**9)}", "guess")
            counts["attempts"] += 1
        except Exception:
            counts["errors"] += 1
        finally:
            await c.close()


async def user(url, changes, rng, pause=1.0):
    """Sign in, then change a sidebar filter every `pause` seconds; the seconds each change took."""
    c = SignInClient(url, 60, address="203.0.113.50")
    await c.connect()
    await c.run()
    took, run, metrics = await c.sign_in("anna", PASSWORD)
    assert metrics, "did not sign in"
    await c.run()  # after st.rerun the page is drawn
    times = []
    for _ in range(changes):
        await asyncio.sleep(pause)
        r = await c.run(c.next_change(rng))
        times.append(r.seconds)
    await c.close()
    return times


async def flood(attackers: int, duration: float, changes: int) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="bench-flood-"))
    secrets = tmp / "secrets.toml"
    secrets.write_text(
        '[portfolio]\nsign_in = "builtin"\n[portfolio.users.anna]\n'
        f'password_hash = "{auth.hash_password(PASSWORD)}"\nrole = "viewer"\n',
        encoding="utf-8",
    )
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_server(ROOT, port, tmp / "db.duckdb", tmp / "log.txt", [f"secrets.files={secrets}"])
    try:
        wait_healthy(url, proc)
        rng = random.Random(1)
        await user(url, 2, rng)  # warm up: the demo load, the first runs
        print("load average before", load_average())
        alone = await user(url, changes, rng)
        counts = {"attempts": 0, "errors": 0}
        until = time.monotonic() + duration
        cpu0, t0 = cpu_seconds(proc.pid), time.monotonic()
        tasks = [asyncio.create_task(attacker(url, until, counts, random.Random(100 + i))) for i in range(attackers)]
        await asyncio.sleep(3)
        during = await user(url, changes, rng)
        await asyncio.gather(*tasks)
        cpu = (cpu_seconds(proc.pid) - cpu0) / (time.monotonic() - t0)
        print("load average after", load_average())
        print("| phase | filter changes | p50 s | p95 s | max s |\n|---|---:|---:|---:|---:|")
        for name, values in (("signed-in user alone", alone), (f"during a flood of {attackers}", during)):
            print(
                f"| {name} | {len(values)} | {statistics.median(values):.3f} | "
                f"{percentile(values, 95):.3f} | {max(values):.3f} |"
            )
        print(
            f"flood: {counts['attempts']} sign-in attempts, {counts['errors']} failed to connect; server CPU {cpu:.2f} cores"
        )
    finally:
        stop_server(proc)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attackers", type=int, default=6)
    parser.add_argument("--duration", type=float, default=40.0, help="seconds of flood")
    parser.add_argument("--changes", type=int, default=15, help="filter changes of the user per phase")
    args = parser.parse_args()
    return asyncio.run(flood(args.attackers, args.duration, args.changes))


if __name__ == "__main__":
    sys.exit(main())
