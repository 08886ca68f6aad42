from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from members.forms import NameField
from members.models import Member, Organization, Supervisor


@admin.register(Organization)
class OrganizationAdmin(TreeAdmin):
    # The name goes through the same cleaner as every other name (members/text.py).
    form = movenodeform_factory(Organization, field_classes={"name": NameField})
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "name":
            kwargs["form_class"] = NameField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    list_display = ["name", "branch", "category", "position", "is_active"]
    list_filter = ["is_active", "category", "position"]
    search_fields = ["name", "phone"]
    list_select_related = ["branch"]
    raw_id_fields = ["user", "branch"]

    def has_delete_permission(self, request, obj=None):
        return False  # members with history are deactivated, never deleted


@admin.register(Supervisor)
class SupervisorAdmin(admin.ModelAdmin):
    list_display = ["user", "organization"]
    raw_id_fields = ["user", "organization"]
