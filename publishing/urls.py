from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from publishing import api, digest_views, embed, views
from publishing.feeds import PracticeFeed
from publishing.sitemaps import SITEMAPS

urlpatterns = [
    re_path(r"^practice/download\.(?P<file_format>csv|xlsx|docx)$", views.ExportView.as_view(), name="practice_export"),
    path("practice/<int:pk>/", views.PracticeDetailView.as_view(), name="practice_detail"),
    path("feeds/practice/", PracticeFeed(), name="feed"),
    path("feeds/themes/<slug:slug>/", PracticeFeed(), {"kind": "theme"}, name="theme_feed"),
    path(
        "feeds/local-authorities/<slug:slug>/", PracticeFeed(), {"kind": "local_authority"}, name="local_authority_feed"
    ),
    path("feeds/sub-regions/<slug:slug>/", PracticeFeed(), {"kind": "sub_region"}, name="sub_region_feed"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("api/v1/", api.IndexView.as_view(), name="api_index"),
    path("api/v1/openapi.json", api.SchemaView.as_view(), name="api_schema"),
    path("api/v1/practice/", api.PracticeListView.as_view(), name="api_practice_list"),
    path("api/v1/practice/<str:pk>/", api.PracticeDetailView.as_view(), name="api_practice_detail"),
    path("api/v1/themes/", api.ReferenceListView.as_view(kind="theme"), name="api_theme_list"),
    path(
        "api/v1/local-authorities/",
        api.ReferenceListView.as_view(kind="local_authority"),
        name="api_local_authority_list",
    ),
    path("api/v1/sub-regions/", api.ReferenceListView.as_view(kind="sub_region"), name="api_sub_region_list"),
    path("embed/practice/", embed.embedded_list, name="embed_practice"),
    path("embed/", embed.EmbedBuilderView.as_view(), name="embed_builder"),
    path("email-updates/", digest_views.DigestSettingsView.as_view(), name="digest_settings"),
    path(
        "email-updates/unsubscribe/<str:token>/",
        digest_views.DigestUnsubscribeView.as_view(),
        name="digest_unsubscribe",
    ),
]
