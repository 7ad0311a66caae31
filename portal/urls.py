from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import SignInForm

admin.site.site_header = "Sharing Practice administration"
admin.site.site_title = "Sharing Practice"

handler500 = "portal.views.server_error"

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=SignInForm), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("pages.urls")),
    path("", include("accounts.urls")),
    path("", include("privacy.urls")),
    path("", include("submissions.urls")),
    path("", include("search.urls")),
    path("", include("publishing.urls")),
    path("", include("calls.urls")),
    path("plans/", include("plans.urls")),
    path("", include("operations.urls")),
    path("", include("evidence.urls")),
]
