from django.urls import include, path

from bench.bare_urls import hello

urlpatterns = [path("bench/hello/", hello), path("", include("portal.urls"))]
