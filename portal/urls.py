from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import SignInForm
from accounts.tokens import password_links

admin.site.site_header = "Sharing Practice administration"
admin.site.site_title = "Sharing Practice"

handler400 = "portal.views.bad_request"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=SignInForm), name="login"),
    # Links to choose a password die once a newer one is made (accounts/tokens.py).
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(token_generator=password_links),
        name="password_reset",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(token_generator=password_links),
        name="password_reset_confirm",
    ),
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
