"""Print the nginx site for this portal (its request size limit follows PORTAL_MAX_UPLOAD_MB)."""

from django.core.management.base import BaseCommand

from operations.nginx import site


class Command(BaseCommand):
    help = "Print the nginx site for the portal, in front of the given gunicorn instances."

    def add_arguments(self, parser):
        parser.add_argument("--server-name", required=True, help="The portal's host name, such as practice.liia.london")
        parser.add_argument("--upstream", action="append", required=True, help="host:port of a gunicorn; repeat")
        parser.add_argument("--certificate", default="/etc/ssl/certs/sharing-practice.pem")
        parser.add_argument("--certificate-key", default="/etc/ssl/private/sharing-practice.key")
        parser.add_argument("--http-port", type=int, default=80)
        parser.add_argument("--https-port", type=int, default=443)
        parser.add_argument("--listen", default="", help="Listen on this address only (default: all)")
        parser.add_argument(
            "--show-upstream",
            action="store_true",
            help="Answer X-Upstream (which instance): tests and private use only",
        )

    def handle(self, *args, **options):
        self.stdout.write(
            site(
                server_name=options["server_name"],
                upstreams=options["upstream"],
                certificate=options["certificate"],
                certificate_key=options["certificate_key"],
                http_port=options["http_port"],
                https_port=options["https_port"],
                listen=options["listen"],
                show_upstream=options["show_upstream"],
            ),
            ending="",
        )
