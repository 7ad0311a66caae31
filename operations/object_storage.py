"""S3-compatible object storage for uploads and backups (django-storages), from the environment."""

from django.core.exceptions import ImproperlyConfigured

S3 = "storages.backends.s3.S3Storage"


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
    }
    backups = {**options, "bucket_name": environ.get("PORTAL_S3_BACKUP_BUCKET") or bucket, "location": "backups"}
    return {"default": {"BACKEND": S3, "OPTIONS": options}, "backups": {"BACKEND": S3, "OPTIONS": backups}}
