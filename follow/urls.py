from django.urls import path

from follow import views

urlpatterns = [
    path("", views.subscriptions, name="follow_subscriptions"),
    path("<int:pk>/", views.change, name="follow_change"),
    path("<int:pk>/remove/", views.remove, name="follow_remove"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="follow_unsubscribe"),
]
