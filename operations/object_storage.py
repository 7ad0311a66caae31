"""S3-compatible object storage for uploads and backups (django-storages), from the environment."""

import logging
from functools import partial

from botocore.config import Config
from botocore.exceptions import ConnectTimeoutError, ReadTimeoutError
from django.core.exceptions import ImproperlyConfigured
from storages.backends.s3 import S3Storage

from operations.logs import log

S3 = "operations.object_storage.TimedS3Storage"
# A bucket that does not answer costs a request these many seconds (connecting; waiting for each
# read), and one more try, never gunicorn's 60 s: botocore's defaults are 60 s each and 5 tries.
CONNECT_TIMEOUT, READ_TIMEOUT, ATTEMPTS = 3, 10, 2
logger = logging.getLogger("portal.storage")


def client_config(connect=CONNECT_TIMEOUT, read=READ_TIMEOUT, attempts=ATTEMPTS):
    return Config(
        connect_timeout=connect,
        read_timeout=read,
        retries={"mode": "standard", "total_max_attempts": attempts},
    )


def log_a_timeout(config, caught_exception=None, operation=None, attempts=None, **kwargs):
    """For botocore's needs-retry event: one line each time a call to the bucket passes its timeout."""
    if isinstance(caught_exception, ConnectTimeoutError | ReadTimeoutError):
        log(
            logger,
            "storage call passed its timeout",
            logging.WARNING,
            cause="storage timeout",
            operation=getattr(operation, "name", None),
            attempt=attempts,
            detail=str(caught_exception),
            connect_timeout_s=config.connect_timeout,
            read_timeout_s=config.read_timeout,
        )


class TimedS3Storage(S3Storage):
    """django-storages' S3 storage, whose client logs each call that passes its timeout."""

    @property
    def connection(self):
        new = getattr(self._connections, "connection", None) is None
        resource = super().connection
        if new:  # one client per thread: register once on each
            client = resource.meta.client
            client.meta.events.register("needs-retry.s3", partial(log_a_timeout, client.meta.config))
        return resource


def s3_storages(environ):
    """STORAGES entries for PORTAL_STORAGE=s3. Objects are private (no ACL, signed requests only):
    the portal streams them to people after its permission check, never links to the bucket."""
    bucket = environ.get("PORTAL_S3_BUCKET", "")
    if not bucket:
        raise ImproperlyConfigured("PORTAL_S3_BUCKET must be set when PORTAL_STORAGE is s3.")
    options = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("PORTAL_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("PORTAL_S3_REGION") or None,
        "access_key": environ.get("PORTAL_S3_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("PORTAL_S3_SECRET_ACCESS_KEY") or None,
        "default_acl": None,
        "file_overwrite": False,  # a generated name never replaces another file
        "querystring_auth": True,
        "querystring_expire": 60,
        "client_config": client_config(),
    }
    backups = {**options, "bucket_name": environ.get("PORTAL_S3_BACKUP_BUCKET") or bucket, "location": "backups"}
    return {"default": {"BACKEND": S3, "OPTIONS": options}, "backups": {"BACKEND": S3, "OPTIONS": backups}}
