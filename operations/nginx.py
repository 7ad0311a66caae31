"""The nginx site for the portal, from deploy/nginx/site.conf.template and the portal's settings."""

from pathlib import Path
from string import Template

from django.conf import settings

TEMPLATE = Path(settings.BASE_DIR) / "deploy" / "nginx" / "site.conf.template"
UPSTREAM_HEADER = "        add_header X-Upstream $upstream_addr always;\n"
MAX_RESOURCES = 20  # the proforma's resources formset's max_num (submissions/proforma.py)


def site(
    *,
    server_name,
    upstreams,
    certificate,
    certificate_key,
    http_port=80,
    https_port=443,
    listen="",
    max_upload_mb=None,
    show_upstream=False,
) -> str:
    """The site's text. `listen` (an address such as 127.0.0.1) limits it to one interface;
    `show_upstream` answers X-Upstream (which instance answered): for tests and private networks only."""
    max_upload_mb = max_upload_mb or settings.RESOURCE_MAX_UPLOAD_BYTES // (1024 * 1024)
    prefix = f"{listen}:" if listen else ""
    return Template(TEMPLATE.read_text()).substitute(
        upstream_servers="".join(f"    server {address} max_fails=2 fail_timeout=5s;\n" for address in upstreams),
        server_name=server_name,
        http_listen=f"{prefix}{http_port}",
        https_listen=f"{prefix}{https_port}",
        https_port_suffix="" if https_port == 443 else f":{https_port}",
        certificate=certificate,
        certificate_key=certificate_key,
        max_resources=MAX_RESOURCES,
        max_upload_mb=max_upload_mb,
        client_max_body_mb=max_upload_mb * MAX_RESOURCES + 1,
        upstream_header=UPSTREAM_HEADER if show_upstream else "",
    )
