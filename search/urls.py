from django.urls import path

from search import views

urlpatterns = [
    path("", views.search, name="search"),
    path("autocomplete/", views.search_autocomplete, name="search_autocomplete"),
]
