"""The team set-up's nginx configuration, as deploy/team.sh renders it, is one nginx accepts.

The full `make team` run is manual (docs/deployment.md): it starts PostgreSQL work, Chroma,
Streamlit processes and nginx. Here only the rendering and `nginx -t` run: fast, no ports.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _render(team: Path, apps: int) -> str:
    env = {**os.environ, "TEAM_DIR": str(team), "TEAM_APP_PORT": "9701"}
    done = subprocess.run(
        [str(ROOT / "deploy" / "team.sh"), "render", str(apps)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_the_rendered_configuration_has_sticky_websockets_over_every_process(tmp_path) -> None:
    conf = _render(tmp_path, 4)
    lines = [line.split() for line in conf.splitlines()]
    servers = [words[1] for words in lines if words[:1] == ["server"] and words[1] != "{"]
    assert servers == ["127.0.0.1:9701", "127.0.0.1:9702", "127.0.0.1:9703", "127.0.0.1:9704"]
    assert "hash $desk_route consistent;" in conf and "max_fails=3" in conf
    # The upgrade headers are set at the server level: no location may set its own and lose them.
    server_level = conf.split("\n        location ", 1)[0]
    assert "proxy_set_header Upgrade $http_upgrade;" in server_level
    assert conf.count("proxy_set_header") == server_level.count("proxy_set_header")
    stream = conf.split("location /_stcore/stream", 1)[1].split("}", 1)[0]
    assert "proxy_read_timeout 12h" in stream
    assert "@" not in conf  # every placeholder filled


@pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed (make nginx)")
def test_nginx_accepts_the_rendered_configuration(tmp_path) -> None:
    (tmp_path / "nginx" / "logs").mkdir(parents=True)
    (tmp_path / "nginx" / "temp").mkdir()
    conf = tmp_path / "nginx" / "nginx.conf"
    conf.write_text(_render(tmp_path, 3), encoding="utf-8")
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path / "nginx"), "-c", str(conf)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr
