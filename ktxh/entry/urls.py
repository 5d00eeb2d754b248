from django.urls import path

from ktxh.entry import excel_views
from ktxh.entry import views as entry_views

_ds = "<int:round_id>/bo-bieu/<int:data_set_id>/"

urlpatterns = [
    path("", entry_views.entry_home, name="entry_home"),
    path("<int:round_id>/tong-hop/", entry_views.round_overview_page, name="entry_overview"),
    path(_ds, entry_views.entry_grid, name="entry_grid"),
    path(_ds + "luu/<int:indicator_id>/", entry_views.cell_save, name="entry_cell_save"),
    path(_ds + "nop/", entry_views.submission_submit, name="entry_submit"),
    path(_ds + "tra-lai/", entry_views.submission_return, name="entry_return"),
    path(_ds + "duyet/", entry_views.submission_approve, name="entry_approve"),
    path(_ds + "mo-lai/", entry_views.submission_reopen, name="entry_reopen"),
    path(_ds + "lich-su/<int:indicator_id>/", entry_views.history_page, name="entry_history"),
    path(_ds + "excel/", excel_views.form_download, name="entry_excel"),
    path(_ds + "tai-len/", excel_views.form_upload, name="entry_upload"),
    path(_ds + "tai-len/ghi/", excel_views.form_commit, name="entry_upload_commit"),
]
