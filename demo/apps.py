from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content (`load_demo_content`) and the local demo logins
    (`ensure_demo_accounts`): commands only, no models."""

    # A developer's tool, like bench: its command output stays English.
    name = "demo"
    verbose_name = "Demo content"
