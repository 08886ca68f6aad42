from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import ListView

from notifications import services
from notifications.models import Notification


class InboxView(LoginRequiredMixin, ListView):
    template_name = "notifications/inbox.html"
    context_object_name = "notifications"
    paginate_by = settings.ORGLIFE_PAGE_SIZE

    def get_queryset(self):
        return Notification.objects.visible_to(self.request.user)


class OpenView(LoginRequiredMixin, View):
    """Mark a notification read and go where it points."""

    def post(self, request, pk):
        notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
        services.notification_mark_read(user=request.user, notification_id=notification.pk)
        target = notification.url
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return redirect(target)
        return redirect("notifications:inbox")


class MarkAllReadView(LoginRequiredMixin, View):
    def post(self, request):
        services.notification_mark_read(user=request.user)
        return redirect("notifications:inbox")


def health(request):
    """Reminder queue health for monitoring: 200 while nothing due waits too long."""
    from django.http import JsonResponse

    from notifications.reminders import reminders_status

    status = reminders_status()
    healthy = status["oldest_pending_lag_seconds"] < settings.ORGLIFE_REMINDER_LAG_ALERT_SECONDS
    return JsonResponse({**status, "healthy": healthy}, status=200 if healthy else 503)
