from django.urls import path

from submissions import moderation_views, split_views, views

urlpatterns = [
    path("resources/<int:pk>/download/", views.ResourceDownloadView.as_view(), name="resource_download"),
    path("submissions/", views.MySubmissionsView.as_view(), name="my_submissions"),
    path("submissions/new/", views.ProformaView.as_view(), name="practice_create"),
    path("submissions/new/from-proforma/", views.ImportProformaView.as_view(), name="practice_import"),
    path("submissions/<int:pk>/", views.SubmissionDetailView.as_view(), name="submission_detail"),
    path("submissions/<int:pk>/edit/", views.ProformaView.as_view(), name="practice_edit"),
    path("submissions/<int:pk>/check/", views.CheckAnswersView.as_view(), name="practice_check"),
    path("submissions/<int:pk>/submitted/", views.SubmittedView.as_view(), name="practice_submitted"),
    path("submissions/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="practice_withdraw"),
    path("submissions/<int:pk>/delete/", views.DeleteDraftView.as_view(), name="practice_delete"),
    path("submissions/<int:pk>/revise/", views.ReviseView.as_view(), name="practice_revise"),
    path("submissions/<int:pk>/split/", split_views.SplitView.as_view(), name="practice_split"),
    path("versions/<int:pk>/", views.VersionView.as_view(), name="version"),
    path("moderation/", moderation_views.QueueView.as_view(), name="moderation_queue"),
    path("moderation/<int:pk>/", moderation_views.ReviewView.as_view(), name="review"),
]
