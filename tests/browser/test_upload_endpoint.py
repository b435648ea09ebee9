"""Streamlit's upload endpoint, tried as the attack was made: files PUT over HTTP for a websocket session.

Before: a session that never signed in sent twenty 44 MB files and the server went from 365 MB to
1,245 MB resident, and held it while the connection stayed open. Now (pages/_ui/uploads.py) a session
that is not signed in with a role that may upload gets 403 before the body is read, and one that may
keeps two files at most, sends two at once at most, and all sessions together hold at most
upload_limits.Limits.server_bytes. Memory is the server's resident set (VmRSS), sampled every 20 ms.
Loopback only; every request has a timeout and the number of files is fixed.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import pytest
import websockets
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

from portfolio import auth
from tests.browser.conftest import serve_app, wait_for_app
from tests.browser.test_hostile_upload import RssSampler, rss, server_pid
from tests.browser.test_signin_browser import RECORD_AND_REPLAY
from tests.exports import dutch_csv

pytestmark = pytest.mark.browser
FILE_BYTES = 44 * 2**20  # the size the attack used; under the server's 45 MiB
ATTACK_FILES = 20
MIB = 2**20


@pytest.fixture(scope="module")
def guarded_server(tmp_path_factory):
    """The app with built-in sign-in (anna a viewer, bert an uploader) on a fresh database."""
    folder = tmp_path_factory.mktemp("uploads")
    secrets = folder / "secrets.toml"
    users = "".join(
        f'[portfolio.users.{name}]\npassword_hash = "{auth.hash_password(name + "-wachtwoord", iterations=1_000)}"\n'
        f'role = "{role}"\n\n'
        for name, role in (("anna", "viewer"), ("bert", "uploader"))
    )
    secrets.write_text(f'[portfolio]\nsign_in = "builtin"\n\n{users}')
    with serve_app(folder, folder / "uploads.duckdb", "--secrets.files", str(secrets)) as url:
        yield url


async def _session_without_signing_in(url: str, held: asyncio.Event, release: asyncio.Event) -> str:
    """Open a websocket session as a browser does, run the page (the sign-in screen), keep it open."""
    socket_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(socket_url, subprotocols=["streamlit"], max_size=None, open_timeout=30) as ws:
        message = BackMsg()
        message.rerun_script.query_string = ""
        message.rerun_script.page_script_hash = ""
        await ws.send(message.SerializeToString())
        session_id = ""
        async with asyncio.timeout(60):
            while True:
                msg = ForwardMsg()
                msg.ParseFromString(await ws.recv())
                kind = msg.WhichOneof("type")
                if kind == "new_session":
                    session_id = msg.new_session.initialize.session_id
                if kind == "script_finished" and session_id:
                    break
        held.session_id = session_id  # type: ignore[attr-defined]
        held.set()
        while not release.is_set():  # the connection stays open, as in the attack
            try:
                await asyncio.wait_for(ws.recv(), 0.2)
            except TimeoutError:
                pass
    return session_id


class OpenSession:
    """A websocket session that never signs in, held open in a thread of its own."""

    def __enter__(self):
        self.loop = asyncio.new_event_loop()
        self.held, self.release = asyncio.Event(), asyncio.Event()
        self.thread = threading.Thread(
            target=self.loop.run_until_complete,
            args=(_session_without_signing_in(self.url, self.held, self.release),),
            daemon=True,
        )
        self.thread.start()
        asyncio.run_coroutine_threadsafe(asyncio.wait_for(self.held.wait(), 90), self.loop).result(95)
        return self.held.session_id  # type: ignore[attr-defined]

    def __init__(self, url: str):
        self.url = url

    def __exit__(self, *exc):
        self.loop.call_soon_threadsafe(self.release.set)
        self.thread.join(30)


def put_file(url: str, session_id: str, data: bytes, timeout: float = 60) -> int:
    """PUT one file to the upload endpoint as the browser does (multipart, XSRF token in header and
    cookie); the HTTP status, or 0 when the server closed the connection before answering."""
    token = generate_xsrf_token_string()
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="export.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    body = head + data + f"\r\n--{boundary}--\r\n".encode()
    where = urlparse(url)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=timeout)
    try:
        connection.request(
            "PUT",
            f"/_stcore/upload_file/{session_id}/{uuid.uuid4()}",
            body=body,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "X-Xsrftoken": token,
                "Cookie": f"_streamlit_xsrf={token}",
            },
        )
        return connection.getresponse().status
    except (BrokenPipeError, ConnectionResetError):
        return 0
    finally:
        connection.close()


def test_a_session_that_never_signed_in_cannot_fill_the_servers_memory(guarded_server):
    """Twenty 44 MB files for a websocket session on the sign-in screen: all refused, memory flat."""
    pid = server_pid(guarded_server)
    data = b"x" * FILE_BYTES
    with OpenSession(guarded_server) as session_id:
        assert session_id
        before = rss(pid)
        with RssSampler(pid) as sampler, ThreadPoolExecutor(4) as pool:
            statuses = list(pool.map(lambda _: put_file(guarded_server, session_id, data), range(ATTACK_FILES)))
        after = rss(pid)
    print(
        f"not signed in: {statuses.count(403)} of {ATTACK_FILES} refused; RSS {before / MIB:.0f} MiB before, "
        f"peak {sampler.peak / MIB:.0f}, after {after / MIB:.0f}"
    )
    assert set(statuses) <= {403, 0} and statuses.count(403) >= ATTACK_FILES // 2, statuses
    assert sampler.peak - before < 60 * MIB, (before, sampler.peak)  # not one file's worth held


def test_a_signed_in_uploader_keeps_two_files_and_the_server_stays_bounded(guarded_server, browser):
    """Bert signs in in a browser and uploads his export on the upload page; his session id then gets
    twenty 44 MB files from outside the page, four at a time: two at once are taken, two kept, the rest
    refused or dropped; memory stays bounded."""
    context = browser.new_context()
    context.add_init_script(RECORD_AND_REPLAY % "null")
    page = context.new_page()
    page.goto(f"{guarded_server}/overview")
    wait_for_app(page)
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible(timeout=60_000)
    page.get_by_label("Gebruikersnaam").fill("bert")
    page.get_by_role("textbox", name="Wachtwoord").fill("bert-wachtwoord")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.locator("[data-testid='stMetricValue']").first).to_be_visible(timeout=60_000)
    page.evaluate("window.__sockets[window.__sockets.length - 1].close()")  # the reconnect names the session
    page.wait_for_function("window.__protocols.some(p => p.length >= 3 && p[2])", timeout=60_000)
    session_id = page.evaluate("window.__protocols.find(p => p.length >= 3 && p[2])[2]")
    wait_for_app(page)
    page.get_by_role("link", name="Uploaden").click()  # the page's own uploader still takes his export
    wait_for_app(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        files=[{"name": "export.csv", "mimeType": "text/csv", "buffer": dutch_csv()}]
    )
    expect(page.get_by_role("button", name="Opslaan")).to_be_visible(timeout=60_000)
    pid = server_pid(guarded_server)
    data = b"y" * FILE_BYTES
    before = rss(pid)
    with RssSampler(pid) as sampler, ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda _: put_file(guarded_server, session_id, data), range(ATTACK_FILES)))
    after = rss(pid)
    print(
        f"uploader: {json.dumps({s: statuses.count(s) for s in set(statuses)})}; RSS {before / MIB:.0f} MiB "
        f"before, peak {sampler.peak / MIB:.0f}, after {after / MIB:.0f}"
    )
    assert statuses.count(204) >= 2 and set(statuses) <= {204, 429, 0}, statuses
    # held: two files; arriving: two at once; plus the multipart parse's copy of each
    assert sampler.peak - before < 6 * FILE_BYTES, (before, sampler.peak)
    assert after - before < 3 * FILE_BYTES, (before, after)
    context.close()
