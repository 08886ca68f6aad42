# The open items' deadline index gets the id: the overdue list walks it in (deadline, id) order,
# a later page one range of it.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0008_meeting_has_recurring_items'),
        ('members', '0007_active_secretary_by_id'),
        ('rectification', '0010_mark_recurring_meetings'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='rectificationitem',
            name='item_open_deadline',
        ),
        migrations.AddIndex(
            model_name='rectificationitem',
            index=models.Index(condition=models.Q(('status', 'signed_off'), _negated=True), fields=['deadline', 'id'], name='item_open_deadline'),
        ),
    ]
