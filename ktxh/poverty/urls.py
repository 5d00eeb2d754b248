from django.urls import path

from ktxh.poverty import views

urlpatterns = [
    path("", views.index, name="poverty"),
    path("mo/", views.review_open, name="poverty_open"),
    path("ra-soat/<int:review_id>/", views.review_page, name="poverty_review"),
    path("ra-soat/<int:review_id>/nhap/", views.review_import, name="poverty_import"),
    path("ra-soat/<int:review_id>/nhap/<int:import_id>/", views.import_columns, name="poverty_import_columns"),
    path("ra-soat/<int:review_id>/nhap/<int:import_id>/tien-do/", views.import_job, name="poverty_import_job"),
    path("ra-soat/<int:review_id>/niem-yet/", views.review_publish, name="poverty_publish"),
    path("ra-soat/<int:review_id>/phe-duyet/", views.review_approve, name="poverty_approve"),
    path("ra-soat/<int:review_id>/danh-sach/", views.household_list, name="poverty_list"),
    path("ra-soat/<int:review_id>/danh-sach.xlsx", views.list_xlsx, name="poverty_list_xlsx"),
    path("ra-soat/<int:review_id>/ho/<int:entry_id>/", views.household_edit, name="poverty_edit"),
    path("ra-soat/<int:review_id>/phu-luc.xlsx", views.annex_xlsx, name="poverty_annex_xlsx"),
    path("ra-soat/<int:review_id>/phu-luc.docx", views.annex_docx, name="poverty_annex_docx"),
]
