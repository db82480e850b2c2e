from django.core.management.base import BaseCommand, CommandError

from kinerja.audit.services import verify_chain


class Command(BaseCommand):
    help = "Periksa keutuhan jejak audit (rantai hash)."

    def handle(self, *args, **options):
        result = verify_chain()
        if result.ok:
            self.stdout.write(f"OK: {result.checked} entri utuh.")
            return
        raise CommandError(
            f"RUSAK pada entri #{result.broken_seq}: {result.problem} "
            f"({result.checked} entri sebelumnya utuh)."
        )
