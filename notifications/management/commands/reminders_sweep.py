from django.core.management.base import BaseCommand

from notifications.reminders import reminders_sweep


class Command(BaseCommand):
    help = "立即扫描一次到期提醒(平时由 Celery beat 每分钟运行)。Run one reminder sweep now."

    def handle(self, *args, **options):
        self.stdout.write(f"enqueued deliveries: {reminders_sweep()}")
