from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "ktxh.evaluation"
    verbose_name = "Đánh giá chỉ tiêu"

    def ready(self) -> None:
        from ktxh.evaluation import cache  # noqa: F401  (connects the cache's write signals)
