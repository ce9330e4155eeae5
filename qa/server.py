"""`qa serve`: the API and the web page under uvicorn, announcing the URL once they can answer."""

from __future__ import annotations

import asyncio
import logging
import socket
import sys

import uvicorn

from qa.api import Runtime, create_app
from qa.settings import Settings

log = logging.getLogger(__name__)


def url_of(settings: Settings) -> str:
    host = settings.host
    if host in ("0.0.0.0", "::"):
        # A wildcard address is where the server listens, not one a browser can open.
        host = "127.0.0.1" if host == "0.0.0.0" else "::1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings.port}"


class _Server(uvicorn.Server):
    """uvicorn's server, plus one line on stdout when the model and the index are loaded."""

    def __init__(self, config: uvicorn.Config, runtime: Runtime, url: str) -> None:
        super().__init__(config)
        self._runtime = runtime
        self._url = url
        self._announcer: asyncio.Task[None] | None = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if not self.should_exit:
            # Listening already: loading goes on in the background while /health and /ready answer.
            self._announcer = asyncio.create_task(self._announce())

    async def _announce(self) -> None:
        await self._runtime.wait()
        problem = self._runtime.failure or self._runtime.index_problem
        if problem is None:
            print(f"qa is ready at {self._url}", flush=True)
        else:
            print(f"qa is listening at {self._url} but is not ready: {problem}", file=sys.stderr, flush=True)


def run(settings: Settings) -> None:
    """Serve until interrupted; the model and the index load once, building the index if there is none."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
        # On the handler too: libraries that set their own logger to DEBUG (bm25s) would flood it.
        for handler in logging.getLogger().handlers:
            handler.setLevel(logging.INFO)
    app = create_app(settings)
    config = uvicorn.Config(app, host=settings.host, port=settings.port, lifespan="on", log_level="info")
    server = _Server(config, app.state.runtime, url_of(settings))
    log.info("loading the model and the index; qa answers once they are loaded")
    server.run()
