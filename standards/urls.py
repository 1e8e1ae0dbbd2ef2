from django.urls import path

from . import views

urlpatterns = [
    path("", views.standard_index, name="standard_index"),
    path("<slug:code>/", views.standard_detail, name="standard_detail"),
    path("<slug:code>/<slug:key>/", views.article_detail, name="standard_article"),
]
