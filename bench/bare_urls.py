"""The hello-world view alone: bench.urls serves it beside the portal's pages, bench.bare_settings without them."""

from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("bench/hello/", hello)]
