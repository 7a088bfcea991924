"""Print Lighthouse scores (mobile) for the home page and an article.

Runs the production configuration (DEBUG off, gunicorn, whitenoise's hashed
static files) on 127.0.0.1 against a throw-away SQLite database with the demo
content, then runs Lighthouse from node_modules in Debian's Chromium.

    .venv/bin/python scripts/lighthouse_scores.py        (or: make lighthouse)
"""

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("LIGHTHOUSE_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run --disable-sync"
)


def run(args, env):
    subprocess.run(args, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The server did not answer at {url}.")


def main():
    lighthouse = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not lighthouse.exists():
        raise SystemExit("Lighthouse is missing: run `npm ci` first.")
    workdir = Path(tempfile.mkdtemp(prefix="directeurskamer-lighthouse-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Canonical URLs and every other absolute link: the address it serves on.
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{PORT}",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        # Plain HTTP on the loopback address; media served by Django for this run only.
        "SECURE_SSL_REDIRECT": "0",
        "SERVE_MEDIA": "1",
        # No worker in this run: what publishing queues happens at once.
        "TASKS_BACKEND": "immediate",
    }
    python = sys.executable
    run([python, "manage.py", "migrate", "--noinput"], env)
    run([python, "manage.py", "load_demo_content"], env)
    run([python, "manage.py", "collectstatic", "--noinput"], env)
    article = subprocess.run(
        [
            python,
            "manage.py",
            "shell",
            "--verbosity",
            "0",
            "-c",
            "from blog.models import ArticlePage; print(ArticlePage.objects.live().first().url)",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()

    gunicorn = Path(python).parent / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "site_config.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        pages = {"home (mobile)": BASE + "/", "article (mobile)": BASE + article}
        for url in pages.values():
            wait_for(url, timeout=120)  # the first view renders the image renditions
        rows = []
        for name, url in pages.items():
            report = workdir / f"{name.split()[0]}.json"
            subprocess.run(
                [
                    str(lighthouse),
                    url,
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    f"--only-categories={','.join(CATEGORIES)}",
                    f"--chrome-flags={CHROME_FLAGS}",
                ],
                cwd=ROOT,
                env={**os.environ, "CHROME_PATH": CHROMIUM},
                check=True,
            )
            scores = json.loads(report.read_text())["categories"]
            rows.append((name, [round(scores[c]["score"] * 100) for c in CATEGORIES]))
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"{'page':<18}" + "".join(f"{c:>16}" for c in CATEGORIES))
    for name, values in rows:
        print(f"{name:<18}" + "".join(f"{v:>16}" for v in values))


if __name__ == "__main__":
    main()
