from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kasam.accounts"
    label = "accounts"
