from django.urls import path

from ktxh.programmes.capital import views as capital
from ktxh.programmes.ntm import views as ntm
from ktxh.programmes.tasks import views as tasks

urlpatterns = [
    path("nong-thon-moi/", ntm.ntm_page, name="ntm"),
    path("nong-thon-moi/xa/<str:code>/<int:year>/", ntm.commune_edit, name="ntm_commune"),
    path("nong-thon-moi/cap-nhat-chi-tieu/", ntm.ntm_publish, name="ntm_publish"),
    path("von/", capital.capital_page, name="capital"),
    path("von/phu-bieu.xlsx", capital.capital_annex, name="capital_annex"),
    path("von/giai-ngan/", capital.disbursement_create, name="disbursement_create"),
    path("von/them/", capital.capital_line_create, name="capital_line_create"),
    path("nhiem-vu/", tasks.tasks_page, name="tasks"),
    path("nhiem-vu/<int:pk>/cap-nhat/", tasks.task_update_create, name="task_update"),
    path("nhiem-vu/them/", tasks.task_create, name="task_create"),
]
