from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "kinerja.exchange"
    label = "exchange"
