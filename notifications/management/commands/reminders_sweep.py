from django.core.management.base import BaseCommand, CommandError

from notifications.reminders import reminders_sweep_report


class Command(BaseCommand):
    help = (
        "立即扫描一次到期提醒(平时由 Celery beat 每分钟运行)。Run one reminder sweep now; "
        "prints the deliveries really enqueued, and fails when the broker is down."
    )

    def handle(self, *args, **options):
        report = reminders_sweep_report()
        self.stdout.write(f"enqueued deliveries: {report.enqueued}")
        if report.broker_error:
            raise CommandError(
                f"the broker refused a delivery ({report.broker_error}); the sweep stopped "
                f"there and gave {report.released} reminders back for the next sweep"
            )
