from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "kasam.interop"
    label = "interop"

    def ready(self) -> None:
        from kasam.interop import bulk
        from kasam.interop.registers import runs
        from kasam.jobs.registry import register

        register(bulk.KIND, bulk.produce)
        register(runs.KIND, runs.produce)
