"""A real S3 API on loopback (moto's server), and the portal's settings pointed at a bucket in it."""

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import boto3

from bench.front import free_port, process, wait_for

CREDENTIALS = {"PORTAL_S3_ACCESS_KEY_ID": "testing", "PORTAL_S3_SECRET_ACCESS_KEY": "testing"}


@contextmanager
def moto_server(folder):
    port = free_port()
    command = [Path(sys.executable).with_name("moto_server"), "-H", "127.0.0.1", "-p", str(port)]
    with process(command, folder / "moto.log"):
        wait_for(f"http://127.0.0.1:{port}/moto-api/")
        yield f"http://127.0.0.1:{port}"


def bucket_env(endpoint, bucket):
    """The environment of a portal keeping its uploads and backups in `bucket`, which this makes."""
    client(endpoint).create_bucket(Bucket=bucket)
    return {
        "PORTAL_STORAGE": "s3",
        "PORTAL_S3_BUCKET": bucket,
        "PORTAL_S3_ENDPOINT_URL": endpoint,
        "PORTAL_S3_REGION": "us-east-1",
        **CREDENTIALS,
    }


def client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def keys(endpoint, bucket):
    listed = client(endpoint).list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listed.get("Contents", []))


os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")  # boto3 never asks a cloud for credentials
