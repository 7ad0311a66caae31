"""The portal's production settings, plus a hello-world view to measure the server itself against."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
