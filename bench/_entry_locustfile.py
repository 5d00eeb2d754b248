"""Locust users of `bench/entry.py`: each logs in as its own commune clerk and keeps
saving its own value in the entry grid. Every acknowledged save is counted so the
benchmark can check the database against it (lost writes). Loopback only."""

import json
import os
import re

from locust import HttpUser, between, constant, events, task

PLAN = json.loads(open(os.environ["BENCH_ENTRY_PLAN"]).read())
ACKS: dict[str, dict] = {}
_next_user = iter(range(len(PLAN["users"])))


@events.test_stop.add_listener
def _write_acks(**_kwargs):
    with open(os.environ["BENCH_ENTRY_ACKS"], "w") as f:
        json.dump(ACKS, f)


_think = os.environ.get("BENCH_ENTRY_THINK", "2-5")
_low, _, _high = _think.partition("-")
READERS = int(os.environ.get("BENCH_ENTRY_READERS", 0))


class Clerk(HttpUser):
    """Types a value every 2-5 s (profile A) or with no pause (profile B)."""
    wait_time = between(float(_low), float(_high)) if _high else constant(float(_low))

    def on_start(self):
        self.me = PLAN["users"][next(_next_user)]
        # Signed in beforehand (bench/entry.py): password hashing is not what is measured.
        self.client.cookies.set("sessionid", self.me["session"], domain="127.0.0.1")
        grid = self.client.get(self.me["grid_url"], name="grid").text
        self.csrf = re.search(r'"X-CSRFToken": "([^"]+)"', grid).group(1)
        self.version, self.n = 0, 0
        ACKS[self.me["username"]] = {"acked": 0, "last": None, "sent": 0}

    @task
    def save_value(self):
        self.n += 1
        ACKS[self.me["username"]]["sent"] += 1
        # Unique per write, inside 0-100 (the cells are rates): the last ack is identifiable.
        text = f"{10 + self.n % 80},{self.n:06d}"
        # a save still in flight when the run stops may be stored unacknowledged: not a lost write
        ACKS[self.me["username"]]["in_flight"] = text
        with self.client.post(self.me["save_url"], {"value": text, "kind": "estimate", "comment": "",
                                                    "version": str(self.version)},
                              headers={"X-CSRFToken": self.csrf, "HX-Request": "true"},
                              name="save", catch_response=True) as response:
            if response.status_code == 200 and response.headers.get("X-Entry-Result") == "saved":
                self.version = int(response.headers["X-Entry-Version"])
                ACKS[self.me["username"]].update(acked=ACKS[self.me["username"]]["acked"] + 1, last=text)
                response.success()
            else:
                response.failure(f"{response.status_code} {response.headers.get('X-Entry-Result')}")


class Reader(HttpUser):
    """A leader or planner opening the overview now and then (profile A only)."""
    fixed_count = READERS
    wait_time = between(2, 5)

    def on_start(self):
        self.client.cookies.set("sessionid", PLAN["readers"][id(self) % len(PLAN["readers"])], domain="127.0.0.1")

    @task
    def overview(self):
        self.client.get(PLAN["overview_url"], name="overview")


if not READERS:
    del Reader  # profile B: clerks only
