# The records' subtree query (records.selectors): a result carries its meeting's branch, and
# partial indexes hold only the rows the conditions look for.

import django.db.models.deletion
from django.db import migrations, models

BACKFILL = """
UPDATE meetings_evaluationresult AS r
   SET branch_id = m.branch_id
  FROM meetings_evaluation AS e
  JOIN meetings_meeting AS m ON m.id = e.meeting_id
 WHERE e.id = r.evaluation_id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_cycle_order_receipts"),
        ("members", "0005_member_transfer"),
    ]

    operations = [
        migrations.AddField(
            model_name="evaluationresult",
            name="branch",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="members.organization",
            ),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop, elidable=True),
        migrations.AlterField(
            model_name="evaluationresult",
            name="branch",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="members.organization",
            ),
        ),
        migrations.AddIndex(
            model_name="attendee",
            index=models.Index(
                condition=models.Q(("absence_reason", ""), ("present", False)),
                fields=["meeting", "member"],
                name="attendee_absent_no_reason",
            ),
        ),
        migrations.AddIndex(
            model_name="evaluationresult",
            index=models.Index(
                condition=models.Q(("grade__in", ["basic", "unqualified"])),
                fields=["branch", "member"],
                name="result_below_qualified",
            ),
        ),
    ]
