import json

from django.core.management.base import BaseCommand

from notifications.reminders import reminders_status


class Command(BaseCommand):
    help = (
        "提醒队列状态(JSON):pending, due, claimed, sent, cancelled (by reason), "
        "failed e-mails, lag_seconds, healthy."
    )

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(reminders_status(), ensure_ascii=False))
