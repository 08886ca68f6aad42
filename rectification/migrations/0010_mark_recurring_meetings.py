"""Mark the meetings that already have a recurring item (``Meeting.has_recurring_items``), as
``rectification.services.items.meetings_mark_recurring`` does from now on."""

from django.db import migrations


def mark(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    RectificationItem = apps.get_model("rectification", "RectificationItem")
    items = RectificationItem.objects.filter(recurring_of__isnull=False).values("meeting_id")
    Meeting.objects.filter(pk__in=items, has_recurring_items=False).update(
        has_recurring_items=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0008_meeting_has_recurring_items"),
        ("rectification", "0009_recurring_meeting_index"),
    ]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
