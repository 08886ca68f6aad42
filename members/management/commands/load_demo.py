"""Load the demo data: every loader in ``settings.ORGLIFE_DEMO_LOADERS``, in order.

Idempotent: running it again changes nothing. Each app keeps its own demo data in
``<app>/demo.py``; the loaders share one context dict (the branches, the supervisor …).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from members.demo import PASSWORD


class Command(BaseCommand):
    help = "加载演示数据(可重复运行)。Load the demo data (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        context: dict = {}
        for dotted in settings.ORGLIFE_DEMO_LOADERS:
            import_string(dotted)(context)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪 / demo data ready"))
        self.stdout.write(
            f"  登录 / logins (password {PASSWORD}): "
            "secretary1, member1, secretary2, supervisor, admin"
        )
