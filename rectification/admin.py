"""The ledger in the Django admin: for looking things up, read-only.

Every change to an item goes through ``rectification.services`` (the rules, the reminder
schedule and the rollups follow it there), so the admin may list and open items but not
add, change or delete them.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rectification.models import RectificationItem


@admin.register(RectificationItem)
class RectificationItemAdmin(admin.ModelAdmin):
    list_display = ["short_measure", "branch", "responsible", "deadline", "status"]
    list_filter = ["status"]
    list_select_related = ["branch", "owner", "lead"]
    search_fields = ["measure"]
    raw_id_fields = ["problem", "owner", "lead", "signed_off_by", "recurring_of"]
    show_full_result_count = False  # no second COUNT(*) over the whole table
    # Newest first, by the primary key's index: the model's order (deadline, pk) has no
    # index over every item, so a province's 3,000,000 were sorted for each page.
    ordering = ["-pk"]

    @admin.display(description=_("整改措施"), ordering="measure")
    def short_measure(self, item: RectificationItem) -> str:
        return item.measure if len(item.measure) <= 40 else item.measure[:39] + "…"

    @admin.display(description=_("责任人"))
    def responsible(self, item: RectificationItem) -> str:
        return item.owner_label

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
