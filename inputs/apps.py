from django.apps import AppConfig


class InputsConfig(AppConfig):
    name = "inputs"
    verbose_name = "Form input"
