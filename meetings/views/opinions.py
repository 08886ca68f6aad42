"""征求意见: the meeting's windows, a window's opinions, and the public link. Sorting an
opinion (采纳为问题 puts it on the problem list) is ``rectification.views.lifecycle``'s.

A member gives a signed or an anonymous opinion through ONE form posted to ONE URL
(the meeting's opinions page) and gets the same redirect and message either way, so a
request log line cannot tell the two apart. Nothing here logs, notifies or stores
anything about who gave an anonymous opinion.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView
from django_ratelimit.decorators import ratelimit

from meetings.choices import OpinionDisposition
from meetings.forms.opinions import (
    OpinionForm,
    PublicOpinionForm,
    WindowOpenForm,
)
from meetings.models import OpinionWindow
from meetings.receipts import receipt_digest, receipt_new
from meetings.selectors import opinions as selectors
from meetings.services import opinions as services
from meetings.views.meeting import MeetingMixin
from members.selectors import can_manage_branch
from members.views import _attach

PUBLIC_RATE_PER_MINUTE = "5/m"
PUBLIC_RATE_PER_HOUR = "30/h"
#: Reading the public link, per client address: as the public ledger's link.
PUBLIC_GET_RATE = "60/m"


def _give_form(window: OpinionWindow) -> OpinionForm:
    """A give-opinion form for one window (ids prefixed so several fit on a page)."""
    return OpinionForm(windows=[window], initial={"window": window.pk}, auto_id=f"w{window.pk}-%s")


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _shown(opinion, code: str) -> str:
    """The code to show: the one just stored — not for a resubmitted opinion (already
    received, with the code shown the first time)."""
    return code if opinion.receipt == receipt_digest(code) else ""


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class OpinionsView(MeetingMixin, TemplateView):
    """A meeting's 征求意见. The committee sees every window (counts only until it closes)
    and opens new ones; a member sees the open windows with a form, and their own signed
    opinions. POST: a member gives an opinion, signed or anonymous."""

    template_name = "meetings/opinions_list.html"

    @cached_property
    def member(self):
        return selectors.member_of_branch(user=self.request.user, meeting=self.meeting)

    def get_context_data(self, *, give_form=None, open_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["receipt_url"] = reverse("rectification:receipt")
        meeting, member = self.meeting, self.member
        can_manage = can_manage_branch(user=self.request.user, branch=meeting.branch)
        ctx.update(meeting=meeting, member=member, can_manage=can_manage)
        if can_manage:
            ctx["windows"] = selectors.meeting_windows(meeting=meeting)
            if meeting.is_open_for_preparation:
                ctx["open_form"] = open_form or WindowOpenForm(meeting=meeting)
        if member is not None:
            open_windows = [
                w
                for w in selectors.open_windows_for_member(member=member)
                if w.meeting_id == meeting.pk
            ]
            bound_pk = give_form.data.get("window") if give_form is not None else None
            ctx["give_forms"] = [
                (w, give_form if bound_pk == str(w.pk) else _give_form(w)) for w in open_windows
            ]
            if give_form is not None and not any(f is give_form for _w, f in ctx["give_forms"]):
                ctx["stale_give_form"] = give_form  # its window is no longer open
            ctx["my_opinions"] = selectors.my_signed_opinions(member=member, meeting=meeting)
        return ctx

    def post(self, request, *args, **kwargs):
        member = self.member
        if member is None:
            raise Http404
        windows = list(OpinionWindow.objects.filter(meeting=self.meeting))
        window_id = request.POST.get("window", "")
        auto_id = f"w{window_id if window_id.isdigit() else ''}-%s"  # a "%" would break it
        form = OpinionForm(request.POST, windows=windows, auto_id=auto_id)
        if form.is_valid():
            data = form.cleaned_data
            code = receipt_new()
            try:
                opinion = services.opinion_give(
                    window=data["window"],
                    member=member,
                    text=data["text"],
                    anonymous=data["anonymous"],
                    receipt=code,
                )
            except ValidationError as exc:
                _attach(form, exc)
            else:
                # The same page and the same answer, signed or anonymous; the receipt code is
                # in this response only (no redirect: nothing to keep in a session or cookie).
                return self.render_to_response(
                    self.get_context_data(receipt=_shown(opinion, code), given=True)
                )
        return self.render_to_response(self.get_context_data(give_form=form))


class WindowOpenView(OpinionsView):
    """POST: the committee opens a window."""

    access = "manage"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = WindowOpenForm(request.POST, meeting=self.meeting)
        if form.is_valid():
            try:
                window = services.window_open(
                    meeting=self.meeting, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                _attach(form, exc)
            else:
                messages.success(
                    request,
                    _("已开启对“%(target)s”的征求意见:%(start)s 至 %(end)s。")
                    % {
                        "target": window,
                        "start": _when(window.starts_at),
                        "end": _when(window.ends_at),
                    },
                )
                return redirect("meetings:opinions", meeting_pk=self.meeting.pk)
        return self.render_to_response(self.get_context_data(open_form=form))


class WindowDetailView(LoginRequiredMixin, DetailView):
    """One window. The committee: counts until it closes, then every opinion, sortable
    inline. A member: the form (while open) and their own signed opinions in it."""

    template_name = "meetings/opinions_window.html"
    context_object_name = "window"

    def get_queryset(self):
        return OpinionWindow.objects.visible_to(self.request.user).select_related(
            "meeting", "meeting__branch", "target_member"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, window = self.request.user, self.object
        meeting = window.meeting
        can_manage = can_manage_branch(user=user, branch=meeting.branch)
        state = selectors.window_state(window)
        ctx.update(meeting=meeting, can_manage=can_manage, state=state)
        if can_manage:
            ctx["summary"] = selectors.window_summary(window=window)
            if state == "closed":
                show = self.request.GET.get("show", "")
                if show not in OpinionDisposition.values:
                    show = ""
                rows = selectors.window_opinions(user=user, window=window, disposition=show)
                ctx.update(rows=rows, show=show, dispositions=OpinionDisposition.choices)
        member = selectors.member_of_branch(user=user, meeting=meeting)
        if member is not None:
            ctx["member"] = member
            ctx["my_opinions"] = [
                o
                for o in selectors.my_signed_opinions(member=member, meeting=meeting)
                if o.window_id == window.pk
            ]
            if any(w.pk == window.pk for w in selectors.open_windows_for_member(member=member)):
                ctx["give_form"] = _give_form(window)
        return ctx


class WindowActionView(LoginRequiredMixin, View):
    """POST on a window the user manages: call one service, go back with a message."""

    def perform(self, window: OpinionWindow) -> str:
        raise NotImplementedError

    def success_url(self, window: OpinionWindow) -> str:
        return reverse("meetings:opinion-window", args=[window.pk])

    def post(self, request, pk):
        window = get_object_or_404(
            OpinionWindow.objects.manageable_by(request.user).select_related("meeting"), pk=pk
        )
        try:
            done = self.perform(window)
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
            return redirect("meetings:opinion-window", pk=window.pk)
        messages.success(request, done)
        return redirect(self.success_url(window))


class WindowCloseView(WindowActionView):
    def perform(self, window):
        services.window_close(window=window, by=self.request.user)
        return _("已截止征求意见,现在可以查看并梳理意见。")


class WindowCancelView(WindowActionView):
    def perform(self, window):
        services.window_cancel(window=window, by=self.request.user)
        return _("已撤销该征求意见。")

    def success_url(self, window):
        return reverse("meetings:opinions", args=[window.meeting_id])


# --- the public link: no login, throttled by IP -----------------------------------------


def _public_unavailable(window: OpinionWindow) -> tuple[str, int] | None:
    """Why the link does not take opinions now (message, HTTP status), or None."""
    now = timezone.now()
    if not window.public_enabled:
        return _("本次征求意见未向群众开放。"), 403
    if not window.meeting.is_open_for_preparation or window.ends_at <= now:
        return _("本次征求意见已经截止,感谢您的关注。"), 410
    if window.starts_at > now:
        return (
            _("本次征求意见尚未开始,将于 %(when)s 开始,届时请再打开此链接。")
            % {"when": _when(window.starts_at)},
            200,
        )
    return None


@never_cache  # no-store: no shared cache keeps the page (or what was typed into it)
@ratelimit(key="ip", rate=PUBLIC_GET_RATE, method="GET", block=False)
@ratelimit(key="ip", rate=PUBLIC_RATE_PER_MINUTE, method="POST", block=False)
@ratelimit(key="ip", rate=PUBLIC_RATE_PER_HOUR, method="POST", block=False)
def public_opinion(request, token: str):
    """群众提意见 through a window's unguessable link: always anonymous, no account."""
    if request.method != "POST" and getattr(request, "limited", False):
        return HttpResponse(
            _("访问过于频繁,请稍后再试。"), status=429, content_type="text/plain; charset=utf-8"
        )
    window = selectors.public_window(token=token)
    if window is None:
        raise Http404
    if request.method == "POST" and getattr(request, "limited", False):
        return render(request, "meetings/public_opinion_throttled.html", status=429)
    unavailable = _public_unavailable(window)
    if unavailable is not None:
        message, status = unavailable
        return render(
            request,
            "meetings/public_opinion_unavailable.html",
            {"window": window, "message": message},
            status=status,
        )
    form = PublicOpinionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        code = receipt_new()
        try:
            opinion = services.opinion_give_public(
                window=window, text=form.cleaned_data["text"], receipt=code
            )
        except ValidationError as exc:
            _attach(form, exc)
        else:
            return render(
                request,
                "meetings/public_opinion.html",
                {
                    "window": window,
                    "form": PublicOpinionForm(),
                    "given": True,
                    "receipt": _shown(opinion, code),
                    "receipt_url": reverse("rectification:receipt"),
                },
            )
    return render(
        request,
        "meetings/public_opinion.html",
        {"window": window, "form": form, "receipt_url": reverse("rectification:receipt")},
    )
