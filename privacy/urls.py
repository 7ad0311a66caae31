from django.urls import path

from privacy import admin_views, views

urlpatterns = [
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("cookies/", views.CookiesView.as_view(), name="cookies"),
    path("people/", admin_views.PersonView.as_view(), name="person"),
    path("people/erase/", admin_views.EraseView.as_view(), name="person_erase"),
    path("people/export/", admin_views.ExportView.as_view(), name="person_export"),
]
