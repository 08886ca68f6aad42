"""Build realistic load data for the benchmark (bench/run.py).

    python manage.py generate_load --branches 10000 --members-per-branch 30 --items 1000000

Committees of ~500 branches, general branches of ~20, members, one held meeting per
branch now in 整改中 with its drafts, criticism, opinions, problems and ledger (deadlines over
two years: some overdue, some awaiting sign-off, some recurring), meetings being prepared,
look-backs; then the rollups. Logins (password ``demo-pass-2026``): ``load-supervisor``
(over the top committee, 压力测试党委), ``load-secretary`` and ``load-member`` (the first
branch), ``load-admin`` (superuser). Refuses to run twice unless ``--reset``, which first
deletes what an earlier run made (and nothing else).
"""

from django.core.management.base import BaseCommand, CommandError

from members.models import Organization
from supervision.loadgen import LOAD_ROOT, LoadGenerator, load_reset


class Command(BaseCommand):
    help = "Generate load data (organizations, members, meetings, problems, ledger items)."

    def add_arguments(self, parser):
        parser.add_argument("--branches", type=int, default=100)
        parser.add_argument("--members-per-branch", type=int, default=30)
        parser.add_argument("--items", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--reset", action="store_true", help="delete an earlier run's data first"
        )

    def handle(self, *args, **options):
        def log(line: str) -> None:
            self.stdout.write(line)

        exists = Organization.objects.filter(depth=1, name=LOAD_ROOT).exists()
        if exists and not options["reset"]:
            raise CommandError(
                f"Load data ({LOAD_ROOT}) is already in this database; "
                "run with --reset to replace it."
            )
        if options["reset"]:
            log("Deleting the previous load data …")
            load_reset(log)
        log(
            f"Generating {options['branches']} branches × {options['members_per_branch']} "
            f"members, {options['items']} rectification items …"
        )
        try:
            generator = LoadGenerator(
                branches=options["branches"],
                members_per_branch=options["members_per_branch"],
                items=options["items"],
                seed=options["seed"],
                log=log,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        stats = generator.run()
        log(self.style.SUCCESS(f"Done in {stats['total']} s."))
