"""Build realistic load data for the benchmark (bench/run.py); the generator itself is
benchmark tooling and lives in ``bench/loadgen.py`` (imported here only when the command
runs, so the installed app does not carry it).

    python manage.py generate_load --branches 10000 --members-per-branch 30 --items 1000000
    python manage.py generate_load --branches 300000 --skew 1 --items 3000000

Committees of ~500 branches, general branches of ~20, members, the year's meetings of each
branch (the last one held and now 整改中 with its drafts, criticism, opinions, problems and
ledger, deadlines over two years: some overdue, some awaiting sign-off, some recurring; the
earlier ones completed), meetings being prepared, look-backs; then the rollups.
``--skew 0`` (the default) gives every branch the same members and items; ``--skew 1``
spreads them as in a real province (3 to 200 members, 0 to 2,000 items, 1 to 4 meetings a
year; ``bench.loadgen.branch_profiles``). ``--members-per-branch`` is the mean,
``--items`` the total (default 100 a branch). Logins (password ``demo-pass-2026``):
``load-supervisor`` (over the top committee, 压力测试党委), ``load-secretary`` and
``load-member`` (the first branch, always a typical one), ``load-admin`` (superuser).
Refuses to run twice unless ``--reset``, which first deletes what an earlier run made (and
nothing else).
"""

from django.core.management.base import BaseCommand, CommandError

from members.models import Organization


class Command(BaseCommand):
    help = "Generate load data (organizations, members, meetings, problems, ledger items)."

    def add_arguments(self, parser):
        parser.add_argument("--branches", type=int, default=100)
        parser.add_argument(
            "--members-per-branch", type=int, default=30, help="the mean (3 to 200)"
        )
        parser.add_argument(
            "--items", type=int, default=None, help="ledger items in all (default 100 a branch)"
        )
        parser.add_argument(
            "--skew",
            type=float,
            default=0.0,
            help="0: every branch alike; 1: a real province's spread of sizes and items",
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--reset", action="store_true", help="delete an earlier run's data first"
        )

    def handle(self, *args, **options):
        from bench.loadgen import LOAD_ROOT, LoadGenerator, load_reset

        def log(line: str) -> None:
            self.stdout.write(line)

        exists = Organization.objects.filter(depth=1, name=LOAD_ROOT).exists()
        if exists and not options["reset"]:
            raise CommandError(
                f"Load data ({LOAD_ROOT}) is already in this database; "
                "run with --reset to replace it."
            )
        try:
            generator = LoadGenerator(
                branches=options["branches"],
                members_per_branch=options["members_per_branch"],
                items=options["items"],
                skew=options["skew"],
                seed=options["seed"],
                log=log,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["reset"]:
            log("Deleting the previous load data …")
            load_reset(log)
        log(
            f"Generating {generator.n_branches} branches × {generator.n_members} members "
            f"(mean), {generator.n_items} rectification items, skew {generator.skew} …"
        )
        stats = generator.run()
        log(self.style.SUCCESS(f"Done in {stats['total']} s."))
