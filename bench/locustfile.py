"""Readers under load, for bench/load.py: page views mixed with stories and newsletter signups.

Each reader reads a page, waits a moment, reads another; now and then one
shares a story or signs up, each with a marker of its own in the text and the
address, so that bench/load.py can look every one up in the database. What
the site answered to each submission goes to LOAD_RESULTS, one JSON line per
submission, and the count of every status code at the end.

The site counts its limits per visitor address too, read from X-Forwarded-For
(bench/load.py runs it with TRUSTED_PROXY_COUNT=1): each reader comes from an
address of their own, and their stories from one-off addresses come from one
of many visitors, as if readers from all over the country sent them.
"""

import json
import os
import random
import re
import uuid
from collections import Counter

from locust import HttpUser, between, events, task

PAGES = json.loads(os.environ["LOAD_PAGES"])
RESULTS = os.environ["LOAD_RESULTS"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

statuses = Counter()
times = {}  # request name: response times in ms


def record(**line):
    with open(RESULTS, "a") as results:
        results.write(json.dumps(line) + "\n")


@events.request.add_listener
def count(name, response_time, response, exception, **kwargs):
    code = getattr(response, "status_code", 0)  # 0: no answer (refused, reset, timed out)
    statuses[str(code) if code else "error"] += 1
    times.setdefault(name, []).append(response_time)


@events.test_stop.add_listener
def write_counts(**kwargs):
    record(statuses=statuses, times=times)


def random_visitor():
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


class Reader(HttpUser):
    # LOAD_THINK_TIME seconds between two requests of one reader (0: none, as fast as served).
    wait_time = between(0, float(os.environ.get("LOAD_THINK_TIME", "0")))

    def on_start(self):
        # An address this reader uses for some of their stories: past the limit
        # per address (5 an hour), the site refuses them, and must store none.
        self.address = f"vaste-lezer-{uuid.uuid4().hex}@example.nl"
        self.visitor = random_visitor()
        self.client.headers["X-Forwarded-For"] = self.visitor

    @task(8)
    def read(self):
        self.client.get(random.choice(PAGES), name="page")

    @task(1)
    def share_story(self):
        marker = uuid.uuid4().hex
        regular = random.random() < 0.3
        story = {
            "sentence": f"Een dilemma onder druk ({marker}).",
            "name": "Lezer",
            "email": self.address if regular else f"lezer-{marker}@example.nl",
            "consent": "on",
        }
        self.submit("story", marker, "/deel-je-verhaal/", story, regular)

    @task(1)
    def sign_up(self):
        marker = uuid.uuid4().hex
        signup = {"email": f"lezer-{marker}@example.nl", "consent": "on", "source": "page"}
        self.submit("signup", marker, "/nieuwsbrief/", signup)

    def submit(self, kind, marker, path, data, regular=False):
        # The regular reader from their own address; anyone else from one of many.
        headers = {"X-Forwarded-For": self.visitor if regular else random_visitor()}
        form = self.client.get(path, name="form", headers=headers)
        token = TOKEN.search(form.text)
        cookie = form.cookies.get("csrftoken")
        if form.status_code != 200 or not token or not cookie:
            record(kind=kind, marker=marker, outcome=f"no form ({form.status_code})")
            return
        # The cookie is Secure, which a client on plain HTTP keeps to itself: sent by hand.
        response = self.client.post(
            path,
            {**data, "csrfmiddlewaretoken": token.group(1)},
            cookies={"csrftoken": cookie},
            headers=headers,
            allow_redirects=False,
            name="send",
        )
        accepted = response.status_code == 302
        record(kind=kind, marker=marker, outcome="accepted" if accepted else response.status_code)
