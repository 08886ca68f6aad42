# The supervisor's list of drafts asks of each draft it walks whether its author is an active
# secretary: a probe of this small index instead of a meeting and a member read.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0006_org_depth_path'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='member',
            index=models.Index(condition=models.Q(('is_active', True), ('position', 'secretary')), fields=['id', 'branch'], name='active_secretary_by_id'),
        ),
    ]
