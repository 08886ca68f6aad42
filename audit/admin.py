"""The audit log in the Django admin: read only, for superusers; nobody adds, changes or
deletes a row here (the model and its queryset refuse as well)."""

from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "event", "actor_name", "organization_name", "target_label", "detail")
    list_filter = ("event",)
    search_fields = ("actor_name", "target_label")
    date_hierarchy = "at"
    actions = None
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
