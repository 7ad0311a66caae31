from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("bench/hello/", hello), path("", include("portal.urls"))]
