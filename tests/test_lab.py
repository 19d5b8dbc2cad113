"""JupyterLab as `make lab` starts it: on 127.0.0.1, a chapter executed through the server's own
kernel API (REST + websocket, as the Lab front end does) gives the committed outputs; then it stops."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import nbformat
import psutil
import pytest
import requests
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = "notebooks/06_people.ipynb"
JUPYTER = Path(sys.executable).with_name("jupyter")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lab:
    def __init__(self, port: int, token: str, process: subprocess.Popen[bytes]) -> None:
        self.base, self.token, self.process = f"127.0.0.1:{port}", token, process

    def url(self, path: str) -> str:
        return f"http://{self.base}{path}"

    def api(self, method: str, path: str, **kw: object) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(method, self.url(path), headers=headers, timeout=30, **kw)  # type: ignore[arg-type]


@pytest.fixture
def lab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Lab]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    port, token = _free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "run")}
    cmd = [
        str(JUPYTER),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={ROOT}",
    ]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = (tmp_path / "lab.log").open("wb")
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Lab(port, token, process)
    deadline = time.monotonic() + 90
    while True:
        assert process.poll() is None, (tmp_path / "lab.log").read_text(errors="replace")
        try:
            if server.api("GET", "/api/status").status_code == 200:
                break
        except requests.ConnectionError:
            pass
        assert time.monotonic() < deadline, "JupyterLab did not answer within 90 s"
        time.sleep(0.5)
    try:
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
            log.close()


def _message(session: str, code: str) -> dict:
    header = {
        "msg_id": uuid.uuid4().hex,
        "msg_type": "execute_request",
        "username": "test",
        "session": session,
        "date": "",
        "version": "5.3",
    }
    content = {
        "code": code,
        "silent": False,
        "store_history": True,
        "user_expressions": {},
        "allow_stdin": False,
        "stop_on_error": True,
    }
    return {
        "header": header,
        "parent_header": {},
        "metadata": {},
        "content": content,
        "channel": "shell",
        "buffers": [],
    }


async def _run_cells(lab: Lab, kernel_id: str, sources: list[str]) -> list[list[dict]]:
    """Execute each source in the server's kernel; return each cell's outputs in nbformat shape."""
    ws = await websocket_connect(f"ws://{lab.base}/api/kernels/{kernel_id}/channels?token={lab.token}")
    session, results = uuid.uuid4().hex, []
    try:
        for code in sources:
            request = _message(session, code)
            ws.write_message(json.dumps(request))
            outputs: list[dict] = []
            while True:
                raw = await asyncio.wait_for(ws.read_message(), timeout=300)
                assert raw is not None, "the kernel's websocket closed"
                msg = json.loads(raw)
                if msg.get("parent_header", {}).get("msg_id") != request["header"]["msg_id"]:
                    continue
                kind, content = msg["header"]["msg_type"], msg["content"]
                if kind == "stream":
                    outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
                elif kind in ("display_data", "execute_result", "error"):
                    outputs.append({"output_type": kind, **content})
                elif kind == "status" and content["execution_state"] == "idle":
                    break
            results.append(outputs)
    finally:
        ws.close()
    return results


def _comparable(outputs: list[dict]) -> list[tuple]:
    """What nbval compares: output kinds, stream text and the data of each rich output."""
    shaped = []
    for out in outputs:
        if out["output_type"] == "stream":
            shaped.append(("stream", out["name"], "".join(out["text"])))
        elif out["output_type"] == "error":
            shaped.append(("error", out["ename"], out["evalue"]))
        else:
            data = {k: "".join(v) if isinstance(v, list) else v for k, v in out["data"].items()}
            shaped.append((out["output_type"], data))
    return shaped


def test_lab_serves_on_loopback_and_runs_a_chapter(lab: Lab) -> None:
    page = lab.api("GET", "/lab")
    assert page.status_code == 200 and "JupyterLab" in page.text
    listening = {c.laddr for c in psutil.Process(lab.process.pid).net_connections("inet") if c.status == "LISTEN"}
    assert listening and {addr.ip for addr in listening} == {"127.0.0.1"}, f"listens beyond loopback: {listening}"
    assert lab.api("GET", "/api/kernels").json() == []

    created = lab.api(
        "POST", "/api/sessions", json={"path": CHAPTER, "type": "notebook", "name": "", "kernel": {"name": "python3"}}
    )
    assert created.status_code == 201, created.text
    kernel_id = created.json()["kernel"]["id"]

    nb = nbformat.read(ROOT / CHAPTER, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    produced = asyncio.run(_run_cells(lab, kernel_id, [c.source for c in code]))

    for i, (cell, outputs) in enumerate(zip(code, produced, strict=True)):
        assert not [o for o in outputs if o["output_type"] == "error"], f"code cell {i} failed: {outputs}"
        assert _comparable(outputs) == _comparable(cell.outputs), f"code cell {i} differs from the committed output"
    assert sum("image/svg+xml" in o.get("data", {}) for outs in produced for o in outs) >= 3

    assert lab.api("DELETE", f"/api/sessions/{created.json()['id']}").status_code == 204
    lab.process.terminate()
    assert lab.process.wait(timeout=30) is not None
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", int(lab.base.split(":")[1]))) != 0, "the server still listens"
