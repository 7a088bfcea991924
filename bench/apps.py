from django.apps import AppConfig


class BenchConfig(AppConfig):
    # A developer tool: its text stays English and out of the translation catalogue.
    name = "bench"
    verbose_name = "Benchmarks"
