from django.urls import path

from calls import views

urlpatterns = [
    path("calls/", views.CallListView.as_view(), name="call_list"),
    path("calls/new/", views.CallCreateView.as_view(), name="call_create"),
    path("calls/<int:pk>/", views.CallDetailView.as_view(), name="call_detail"),
    path("calls/<int:pk>/returns/", views.CallReturnsView.as_view(), name="call_returns"),
    path("calls/<int:pk>/returns.csv", views.CallReturnsCSVView.as_view(), name="call_returns_csv"),
    path("calls/<int:pk>/open/", views.CallOpenView.as_view(), name="call_open"),
    path("calls/<int:pk>/remind/", views.CallRemindView.as_view(), name="call_remind"),
    path("calls/<int:pk>/practice-pack.docx", views.CallPackView.as_view(), name="call_pack"),
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
    path("coverage/map/", views.CoverageMapView.as_view(), name="coverage_map"),
]
