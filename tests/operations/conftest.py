import uuid

import pytest

from operations.object_storage import s3_storages
from tests.operations.buckets import bucket_env, moto_server


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    with moto_server(tmp_path_factory.mktemp("moto")) as endpoint:
        yield endpoint


@pytest.fixture
def bucket(s3_endpoint, settings):
    """The portal's uploads and backups in a new bucket of the loopback S3, for this test."""
    env = bucket_env(s3_endpoint, f"portal-{uuid.uuid4().hex[:12]}")
    settings.STORAGES = {**settings.STORAGES, **s3_storages(env)}
    return env


@pytest.fixture(autouse=True)
def readiness_asked_afresh():
    """/readyz remembers its storage and migrations answers for a few seconds: not from test to test."""
    from operations import health

    health.forget()
