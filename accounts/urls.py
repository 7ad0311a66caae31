from django.urls import path

from accounts import views

urlpatterns = [
    path("account/", views.AccountView.as_view(), name="account"),
    path("account/name/", views.NameView.as_view(), name="account_name"),
    path("account/delete/", views.DeletionRequestView.as_view(), name="account_delete"),
]
