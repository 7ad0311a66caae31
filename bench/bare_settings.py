"""A bare Django for the hello-world baseline: the production settings without any middleware, and only the
hello-world view, so that the portal's middleware stack has a cost of its own to measure (bench/run.py)."""

from portal.settings import *  # noqa: F403

MIDDLEWARE = []
ROOT_URLCONF = "bench.bare_urls"
