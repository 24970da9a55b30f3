"""One Yaotong at a time: a second start raises the first window and exits.

The first start takes a lock file (``QLockFile``) in the user's data folder,
the folder that holds the study progress, and listens on a local socket
(``QLocalServer``: a Unix socket or a Windows named pipe; local IPC, no network).
A second start finds the lock taken, connects to the socket, asks the first to
show its window, and ends. So two windows never share one progress database
(card schedules would be last-writer-wins, and an answer given while the other
writes would wait, then fail).

The lock and the socket name both come from the data folder, so tests and tools
that pass a folder of their own never meet a real running Yaotong. A lock left
by a crashed Yaotong is stale (its process is gone) and is taken over. A data
folder that cannot hold a lock (read-only, full) does not stop Yaotong: it then
runs without the guard, as before.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QThread, Signal

from app.domain.digest import sha256_hex

if TYPE_CHECKING:  # QtNetwork is imported when first used: a start that only takes the lock skips it
    from PySide6.QtNetwork import QLocalServer

LOCK_NAME = "yaotong.lock"
ACTIVATE = b"activate\n"
CONNECT_MS = 1000
READ_MS = 500  # the other start writes at once; a silent client is dropped after this
LOCK_WAIT_MS = 200
RETRY_MS = 400  # five tries: a second start waits about two seconds for the first to listen


def default_data_dir() -> Path:
    """The user's data folder (``QStandardPaths.AppDataLocation``): study progress, the lock."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def server_name(data_dir: Path) -> str:
    """The local socket's name for ``data_dir``: one per user and folder, short enough for any
    platform (a Unix socket path has about 100 bytes)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name (some containers)
        user = ""
    digest = sha256_hex(f"{user}\0{data_dir.resolve()}".encode())[:20]
    return f"yaotong-{digest}"


class SingleInstance(QObject):
    """The guard of one data folder. ``acquire()``: True when this process is the one Yaotong
    (it then emits ``activated`` whenever another start asks it to show itself)."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.name = server_name(self.data_dir)
        self.lock: QLockFile | None = None
        self.server: QLocalServer | None = None
        self.problem = ""  # why the guard is off (the folder could not hold a lock), for the curious

    def acquire(self, listen: bool = True) -> bool:
        """Take the folder's lock and listen; False when another Yaotong has it (that one was asked
        to raise its window, or ``problem`` says it did not answer). ``listen=False`` only takes the
        lock: call :meth:`listen` later (the first window is shown sooner; a second start retries
        its connection for a few seconds meanwhile)."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.problem = f"{self.data_dir}: {exc.strerror or exc}"
            return True
        lock = QLockFile(str(self.data_dir / LOCK_NAME))
        lock.setStaleLockTime(0)  # held for as long as Yaotong runs; a crashed owner is detected by its pid
        if not lock.tryLock(LOCK_WAIT_MS):
            if lock.error() == QLockFile.LockError.LockFailedError:
                if self._ask_running_to_activate():
                    return False
                self.problem = "another Yaotong holds the lock but did not answer"
                return False
            self.problem = f"{self.data_dir / LOCK_NAME}: the lock file cannot be written"
            return True  # a read-only or full folder: run without the guard
        self.lock = lock
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Answer other starts (after :meth:`acquire` took the lock)."""
        from PySide6.QtNetwork import QLocalServer

        if self.lock is None or self.server is not None:
            return
        QLocalServer.removeServer(self.name)  # a socket left by a crashed Yaotong
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(self.name):
            server.newConnection.connect(self._on_connection)
            self.server = server
        else:  # the lock still keeps a second Yaotong out; it just cannot raise this window
            self.problem = f"cannot listen for other starts: {server.errorString()}"

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server.deleteLater()
            self.server = None
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None

    def _ask_running_to_activate(self) -> bool:
        """Tell the running Yaotong to show itself (it may still be starting: try for a while)."""
        from PySide6.QtNetwork import QLocalSocket

        for _attempt in range(5):
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(CONNECT_MS):
                socket.write(ACTIVATE)
                sent = socket.waitForBytesWritten(CONNECT_MS)
                socket.disconnectFromServer()
                if sent:
                    return True
            socket.abort()
            QThread.msleep(RETRY_MS)  # the first may have its lock but not be listening yet
        return False

    def _on_connection(self) -> None:
        """Another start: read its one short line (it writes it as soon as it is connected), answer
        it, let it go. No socket outlives this call."""
        if self.server is None:
            return
        asked = False
        while (socket := self.server.nextPendingConnection()) is not None:
            if socket.bytesAvailable() or socket.waitForReadyRead(READ_MS):
                asked = asked or bytes(socket.read(64).data()).startswith(ACTIVATE.strip())
            socket.abort()
            socket.deleteLater()
        if asked:
            self.activated.emit()
