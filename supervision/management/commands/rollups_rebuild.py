"""Recompute every rollup from the live problems and items (after moving organizations,
or for repair), or — with ``--advance`` — just move the overdue clock to today."""

from django.core.management.base import BaseCommand

from supervision.services.rollups import rollups_overdue_advance, rollups_rebuild


class Command(BaseCommand):
    help = "Recompute the supervision rollups (or move the overdue clock with --advance)."

    def add_arguments(self, parser):
        parser.add_argument("--advance", action="store_true", help="only move the overdue clock")

    def handle(self, *args, **options):
        if options["advance"]:
            moved = rollups_overdue_advance()
            self.stdout.write(f"Overdue clock moved to today ({moved} items fell due).")
            return
        result = rollups_rebuild()
        self.stdout.write(
            f"Rebuilt {result['rollups']} rollup rows, {result['months']} month rows."
        )
