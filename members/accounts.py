"""One's own account: changing the password (and the e-mailed reset), the recent logins;
and the secretary giving a member a one-time password."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.generic import TemplateView

from audit.selectors import recent_logins
from members import services
from members.models import Member
from members.signin import MUST_CHANGE_KEY

RECENT_LOGINS = 10


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's 修改密码, which also clears the "set your own password" flag and is audited."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.account_password_changed(user=form.user, request=self.request)
        self.request.session.pop(MUST_CHANGE_KEY, None)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's e-mailed reset link; setting the password there is audited too."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.account_password_changed(user=form.user, by_reset_link=True, request=self.request)
        return response


class AccountView(LoginRequiredMixin, TemplateView):
    """我的账号: who I am here, and my recent logins (and failed attempts on my login) —
    the time, and the address only where the deployment keeps it."""

    template_name = "members/account.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["member"] = Member.objects.select_related("branch").filter(user=user).first()
        ctx["logins"] = recent_logins(user_id=user.pk, limit=RECENT_LOGINS)
        ctx["show_ip"] = settings.ORGLIFE_AUDIT_KEEP_IP
        return ctx


class MemberPasswordResetView(LoginRequiredMixin, View):
    """POST only: the branch secretary gives a member a one-time password, shown once on
    the page this answers (never stored in clear, never sent anywhere)."""

    def post(self, request, pk):
        member = get_object_or_404(Member.objects.visible_to(request.user), pk=pk)
        if not services.can_reset_password(user=request.user, member=member):
            raise Http404
        try:
            password = services.member_password_reset(
                member=member, by=request.user, request=request
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("members:detail", pk=member.pk)
        response = render(
            request,
            "members/password_reset_once.html",
            {"member": member, "password": password},
        )
        response["Cache-Control"] = "no-store"
        return response
