from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from submissions import api, call_views, digest_views, moderation_views, privacy_views, views
from submissions.feeds import PracticeFeed
from submissions.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path("privacy/", privacy_views.PrivacyView.as_view(), name="privacy"),
    path("cookies/", privacy_views.CookiesView.as_view(), name="cookies"),
    path("practice/", views.BrowseView.as_view(), name="practice_list"),
    re_path(r"^practice/download\.(?P<file_format>csv|xlsx|docx)$", views.ExportView.as_view(), name="practice_export"),
    path("practice/<int:pk>/", views.PracticeDetailView.as_view(), name="practice_detail"),
    path("themes/", views.CollectionIndexView.as_view(), {"kind": "theme"}, name="theme_list"),
    path("themes/<slug:slug>/", views.CollectionView.as_view(), {"kind": "theme"}, name="theme_detail"),
    path(
        "local-authorities/",
        views.CollectionIndexView.as_view(),
        {"kind": "local_authority"},
        name="local_authority_list",
    ),
    path(
        "local-authorities/<slug:slug>/",
        views.CollectionView.as_view(),
        {"kind": "local_authority"},
        name="local_authority_detail",
    ),
    path("sub-regions/", views.CollectionIndexView.as_view(), {"kind": "sub_region"}, name="sub_region_list"),
    path("sub-regions/<slug:slug>/", views.CollectionView.as_view(), {"kind": "sub_region"}, name="sub_region_detail"),
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
    path("resources/<int:pk>/download/", views.ResourceDownloadView.as_view(), name="resource_download"),
    path("submissions/", views.MySubmissionsView.as_view(), name="my_submissions"),
    path("submissions/new/", views.ProformaView.as_view(), name="practice_create"),
    path("submissions/new/from-proforma/", views.ImportProformaView.as_view(), name="practice_import"),
    path("submissions/<int:pk>/", views.SubmissionDetailView.as_view(), name="submission_detail"),
    path("submissions/<int:pk>/edit/", views.ProformaView.as_view(), name="practice_edit"),
    path("submissions/<int:pk>/check/", views.CheckAnswersView.as_view(), name="practice_check"),
    path("submissions/<int:pk>/submitted/", views.SubmittedView.as_view(), name="practice_submitted"),
    path("submissions/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="practice_withdraw"),
    path("submissions/<int:pk>/revise/", views.ReviseView.as_view(), name="practice_revise"),
    path("versions/<int:pk>/", views.VersionView.as_view(), name="version"),
    path("calls/", call_views.CallListView.as_view(), name="call_list"),
    path("calls/new/", call_views.CallCreateView.as_view(), name="call_create"),
    path("calls/<int:pk>/", call_views.CallDetailView.as_view(), name="call_detail"),
    path("calls/<int:pk>/returns/", call_views.CallReturnsView.as_view(), name="call_returns"),
    path("calls/<int:pk>/returns.csv", call_views.CallReturnsCSVView.as_view(), name="call_returns_csv"),
    path("calls/<int:pk>/open/", call_views.CallOpenView.as_view(), name="call_open"),
    path("calls/<int:pk>/remind/", call_views.CallRemindView.as_view(), name="call_remind"),
    path("calls/<int:pk>/practice-pack.docx", call_views.CallPackView.as_view(), name="call_pack"),
    path("coverage/", call_views.CoverageView.as_view(), name="coverage"),
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
    path("email-updates/", digest_views.DigestSettingsView.as_view(), name="digest_settings"),
    path(
        "email-updates/unsubscribe/<str:token>/",
        digest_views.DigestUnsubscribeView.as_view(),
        name="digest_unsubscribe",
    ),
    path("moderation/", moderation_views.QueueView.as_view(), name="moderation_queue"),
    path("moderation/<int:pk>/", moderation_views.ReviewView.as_view(), name="review"),
    path("moderation/suggestions/<int:pk>/", moderation_views.ThemeSuggestionView.as_view(), name="theme_suggestion"),
]
