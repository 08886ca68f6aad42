from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from audit.choices import AuditEventKind
from audit.services import audit_record
from members.choices import Position
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

    def save_model(self, request, obj, form, change):
        before = Member.objects.filter(pk=obj.pk).values_list("position", flat=True).first()
        super().save_model(request, obj, form, change)
        if change and before is not None and before != obj.position:
            audit_record(
                event=AuditEventKind.POSITION_CHANGED,
                actor=request.user,
                organization=obj.branch,
                target=obj,
                detail=f"{Position(before).label} → {Position(obj.position).label}",
                request=request,
            )


@admin.register(Supervisor)
class SupervisorAdmin(admin.ModelAdmin):
    list_display = ["user", "organization"]
    raw_id_fields = ["user", "organization"]

    def _audit(self, request, obj, event) -> None:
        audit_record(
            event=event,
            actor=request.user,
            organization=obj.organization,
            target=obj.user,
            target_label=obj.user.get_full_name() or obj.user.get_username(),
            request=request,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._audit(request, obj, AuditEventKind.SUPERVISOR_ASSIGNED)

    def delete_model(self, request, obj):
        self._audit(request, obj, AuditEventKind.SUPERVISOR_REMOVED)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related("user", "organization"):
            self._audit(request, obj, AuditEventKind.SUPERVISOR_REMOVED)
        super().delete_queryset(request, queryset)
