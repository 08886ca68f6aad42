import json

from django.core.management.base import BaseCommand

from notifications.reminders import reminders_status


class Command(BaseCommand):
    help = "提醒队列状态(JSON):pending, claimed, sent, failed, oldest pending lag."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(reminders_status(), ensure_ascii=False))
