from django.urls import path

from evidence import api, cite_views, downloads, load_views, views

app_name = "evidence"

urlpatterns = [
    path("evidence/", views.EvidenceIndexView.as_view(), name="index"),
    path("evidence/measures/<slug:slug>/", views.MeasureView.as_view(), name="measure"),
    path("evidence/measures/<slug:slug>/figures.csv", downloads.MeasureCsvView.as_view(), name="measure_csv"),
    path(
        "evidence/measures/<slug:slug>/<slug:stage>/chart.<str:file_format>",
        downloads.MeasureChartView.as_view(),
        name="measure_chart",
    ),
    path(
        "evidence/measures/<slug:slug>/trend.<str:file_format>",
        downloads.MeasureTrendView.as_view(),
        name="measure_trend",
    ),
    path(
        "evidence/measures/<slug:slug>/<slug:stage>/trend.<str:file_format>",
        downloads.MeasureTrendView.as_view(),
        name="measure_stage_trend",
    ),
    path("evidence/measures/<slug:slug>/cite/", cite_views.CiteView.as_view(), name="cite"),
    path("evidence/citations/<int:pk>/remove/", cite_views.CitationRemoveView.as_view(), name="citation_remove"),
    path("evidence/measures/<slug:slug>/cite-in-action/", cite_views.ActionCiteView.as_view(), name="cite_action"),
    path(
        "evidence/action-citations/<int:pk>/remove/",
        cite_views.ActionCitationRemoveView.as_view(),
        name="action_citation_remove",
    ),
    path("evidence/areas/<slug:slug>/", views.AreaView.as_view(), name="area"),
    path("evidence/datasets/", views.DatasetListView.as_view(), name="datasets"),
    path("evidence/datasets/template.csv", load_views.LongTemplateView.as_view(), name="long_template"),
    path("evidence/load/", load_views.LoadView.as_view(), name="load"),
    path("evidence/load/confirm/", load_views.LoadConfirmView.as_view(), name="load_confirm"),
    path("evidence/load/cancel/", load_views.LoadCancelView.as_view(), name="load_cancel"),
    path("evidence/load/choices/", load_views.LoadChoicesView.as_view(), name="load_choices"),
    path("api/v1/evidence/", api.IndexView.as_view(), name="api_index"),
    path("api/v1/evidence/datasets/", api.DatasetListView.as_view(), name="api_dataset_list"),
    path("api/v1/evidence/measures/", api.MeasureListView.as_view(), name="api_measure_list"),
    path("api/v1/evidence/measures/<str:slug>/", api.MeasureDetailView.as_view(), name="api_measure_detail"),
]
