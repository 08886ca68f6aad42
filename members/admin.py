from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from audit.choices import AuditEventKind
from audit.services import audit_record
from members.choices import Position
from members.forms import NameField
from members.models import Member, MemberTransfer, Organization, Supervisor
from members.services import member_transfer


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


class MemberTransferForm(forms.ModelForm):
    class Meta:
        model = MemberTransfer
        fields = ["earlier", "to_branch", "transferred_on", "note"]

    def clean(self):
        """The service's refusals, told on the form instead of as an error page."""
        data = super().clean()
        earlier, to_branch = data.get("earlier"), data.get("to_branch")
        if earlier is not None and not earlier.is_active:
            self.add_error("earlier", _("该党员已停用,不能办理组织关系转接。"))
        if earlier is not None and to_branch is not None:
            if not to_branch.is_branch:
                self.add_error("to_branch", _("党员只能编入党支部。"))
            elif to_branch.pk == earlier.branch_id:
                self.add_error("to_branch", _("转入党支部与所在党支部相同。"))
        return data


@admin.register(MemberTransfer)
class MemberTransferAdmin(admin.ModelAdmin):
    """组织关系转接: adding one calls ``member_transfer`` (the only way a member changes
    branch); a recorded transfer is never edited or deleted."""

    form = MemberTransferForm
    list_display = ["earlier", "from_branch", "to_branch", "transferred_on"]
    list_select_related = ["earlier", "from_branch", "to_branch"]
    search_fields = ["earlier__name"]
    raw_id_fields = ["earlier", "to_branch"]
    date_hierarchy = "transferred_on"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        done = member_transfer(
            member=obj.earlier,
            to_branch=obj.to_branch,
            transferred_on=obj.transferred_on,
            note=obj.note,
            by=request.user,
        )
        obj.__dict__.update({k: v for k, v in done.__dict__.items() if k != "_state"})
        obj._state = done._state
