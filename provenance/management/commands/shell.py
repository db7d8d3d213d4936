"""`manage.py shell` with the domain's models imported, and without the historical ones.

Django's shell imports every model of every installed app. django-simple-history's historical
models (HistoricalClaim, ...) are built at run time inside `simple_history.models`, not in the
module their path names, so the shell could not import them and greeted every session with
"6 objects could not be automatically imported". They are reached through each model's
`.history` manager instead (`Claim.history.all()`).
"""

from django.core.management.commands.shell import Command as DjangoShell
from simple_history.models import HistoricalChanges


class Command(DjangoShell):
    def get_auto_imports(self):
        from django.apps import apps

        historical = {
            f"{model.__module__}.{model.__name__}"
            for model in apps.get_models()
            if issubclass(model, HistoricalChanges)
        }
        return [path for path in super().get_auto_imports() if path not in historical]
