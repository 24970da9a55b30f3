"""The start-up digests are hashlib's, without loading OpenSSL (no Qt)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from app.domain.digest import blake2b_hasher, blake2b_hex, sha256_hex

ROOT = Path(__file__).resolve().parent.parent


def test_the_digests_are_hashlibs() -> None:
    for data in (b"", b"yaotong", "腰痛 /home/user/.local".encode(), bytes(range(256)) * 300):
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()  # socket names stay as they were
        assert blake2b_hex(data) == hashlib.blake2b(data, digest_size=32).hexdigest()
    hasher = blake2b_hasher()
    hasher.update(b"yao")
    hasher.update(b"tong")
    assert hasher.hexdigest() == blake2b_hex(b"yaotong")


def test_reading_the_catalog_cache_does_not_load_openssl(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.domain.catalog_cache import load_catalog_cached\n"
        "from app.paths import catalog_path\n"
        f"load_catalog_cached(catalog_path(), Path({str(tmp_path)!r}))\n"  # written
        f"load_catalog_cached(catalog_path(), Path({str(tmp_path)!r}))\n"  # read
        "print(sorted(m for m in ('hashlib', '_hashlib') if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
