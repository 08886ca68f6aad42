from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from notifications import services
from notifications.models import Notification
from notifications.reminders import reminders_healthy, reminders_lag_seconds, reminders_status


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


@never_cache
def health(request):
    """Reminder queue health for monitoring: 200 while no deliverable reminder has waited
    longer than ORGLIFE_REMINDER_LAG_ALERT_SECONDS, 503 otherwise. A load balancer or a
    monitor without login gets only the word ("healthy" / "unhealthy"); staff get the
    figures as JSON."""
    if request.user.is_authenticated and request.user.is_staff:
        status = reminders_status()
        return JsonResponse(status, status=200 if status["healthy"] else 503)
    healthy = reminders_healthy(lag_seconds=reminders_lag_seconds())
    return HttpResponse(
        b"healthy" if healthy else b"unhealthy",
        content_type="text/plain; charset=utf-8",
        status=200 if healthy else 503,
    )
