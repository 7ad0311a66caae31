from django.urls import path

from search import views

urlpatterns = [
    path("practice/", views.BrowseView.as_view(), name="practice_list"),
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
]
