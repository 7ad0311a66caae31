from django.urls import path

from plans import (
    action_removal_views,
    action_views,
    import_views,
    meeting_views,
    pack_views,
    reminder_views,
    removal_views,
    resource_views,
    setting_views,
    views,
)

app_name = "plans"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("board/", views.BoardView.as_view(), name="board"),
    path("my-actions/", views.MyActionsView.as_view(), name="my_actions"),
    path("new/", setting_views.PlanCreateView.as_view(), name="plan_create"),
    path("import/", import_views.PlanImportView.as_view(), name="plan_import"),
    path("<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("<int:pk>/edit/", setting_views.PlanEditView.as_view(), name="plan_edit"),
    path("<int:pk>/delete/", removal_views.PlanDeleteView.as_view(), name="plan_delete"),
    path("<int:pk>/areas/new/", action_views.AreaFormView.as_view(), name="area_create"),
    path("<int:pk>/areas/<int:area>/", action_views.AreaFormView.as_view(), name="area_edit"),
    path("<int:pk>/areas/<int:area>/actions/new/", action_views.ActionCreateView.as_view(), name="action_create"),
    path("<int:pk>/meetings/new/", meeting_views.MeetingCreateView.as_view(), name="meeting_create"),
    path("<int:pk>/versions/", meeting_views.VersionsView.as_view(), name="plan_versions"),
    path("<int:pk>/versions/save/", meeting_views.VersionSaveView.as_view(), name="plan_version_save"),
    path("<int:pk>/versions/<int:number>/", meeting_views.VersionDetailView.as_view(), name="plan_version"),
    path("actions/<int:pk>/", views.ActionDetailView.as_view(), name="action_detail"),
    path("actions/<int:pk>/edit/", action_views.ActionEditView.as_view(), name="action_edit"),
    path("actions/<int:pk>/delete/", action_removal_views.ActionDeleteView.as_view(), name="action_delete"),
    path("actions/<int:pk>/move/", action_removal_views.ActionMoveView.as_view(), name="action_move"),
    path("actions/<int:pk>/resources/new/", resource_views.ResourceAddView.as_view(), name="resource_add"),
    path(
        "actions/<int:pk>/resources/<int:resource>/",
        resource_views.ResourceDownloadView.as_view(),
        name="resource_download",
    ),
    path(
        "actions/<int:pk>/resources/<int:resource>/remove/",
        resource_views.ResourceRemoveView.as_view(),
        name="resource_remove",
    ),
    path("actions/<int:pk>/update/", action_views.ActionUpdateView.as_view(), name="action_update"),
    path("meetings/<int:pk>/", meeting_views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", removal_views.MeetingEditView.as_view(), name="meeting_edit"),
    path("meetings/<int:pk>/delete/", removal_views.MeetingDeleteView.as_view(), name="meeting_delete"),
    path("meetings/<int:pk>/pack/", pack_views.PackView.as_view(), name="pack"),
    path("meetings/<int:pk>/pack/print/", pack_views.PackPrintView.as_view(), name="pack_print"),
    path("meetings/<int:pk>/pack.docx", pack_views.PackDownloadView.as_view(), name="pack_download"),
    path("meetings/<int:pk>/pack/<int:item>/", pack_views.PackItemView.as_view(), name="pack_item"),
    path("pack/add/", pack_views.PackAddView.as_view(), name="pack_add"),
    path("pack/remove/", pack_views.PackRemoveView.as_view(), name="pack_remove"),
    path(
        "reminders/unsubscribe/<str:token>/",
        reminder_views.ReminderUnsubscribeView.as_view(),
        name="reminders_unsubscribe",
    ),
]
