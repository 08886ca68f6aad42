from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "created_at", "read_at", "email_state"]
    list_filter = ["email_state"]
    raw_id_fields = ["recipient"]
    search_fields = ["title", "recipient__username"]
