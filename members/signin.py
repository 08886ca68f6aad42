"""What happens at every login and logout: the audit log, the session's activity stamp,
and the "change your password first" flag.

Connected in ``MembersConfig.ready()`` to the frameworks' own hooks — django.contrib.auth's
``user_logged_in`` / ``user_login_failed`` / ``user_logged_out`` and django-axes'
``user_locked_out`` — because those are the only places every login passes through (the
login page, the admin's login, a test client's ``force_login``). Nothing else is done
through signals.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from audit.choices import AuditEventKind
from audit.services import audit_record
from config.middleware import session_stamp
from members.models import Member, Organization

#: The session flag the middleware acts on (members/middleware.py).
MUST_CHANGE_KEY = "_orglife_must_change_password"

_USERNAME_SHOWN = 64


def _home_organization(user) -> tuple[Member | None, Organization | None]:
    member = Member.objects.select_related("branch").filter(user=user).first()
    if member is not None:
        return member, member.branch
    org = Organization.objects.filter(supervisors__user=user).order_by("path").first()
    return None, org


def on_logged_in(sender, request, user, **kwargs) -> None:
    member, org = _home_organization(user)
    session = getattr(request, "session", None)
    if session is not None:
        session_stamp(session)
        if member is not None and member.must_change_password:
            session[MUST_CHANGE_KEY] = True
    audit_record(
        event=AuditEventKind.LOGIN,
        actor=user,
        actor_name=member.name if member is not None else None,
        organization=org,
        request=request,
    )


def on_logged_out(sender, request, user, **kwargs) -> None:
    if user is None:
        return
    member, org = _home_organization(user)
    audit_record(
        event=AuditEventKind.LOGOUT,
        actor=user,
        actor_name=member.name if member is not None else None,
        organization=org,
        request=request,
    )


def _attempted(username: str, *, event: str, request) -> None:
    username = (username or "")[:150]
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is not None:
        member, org = _home_organization(user)
        audit_record(
            event=event,
            actor=user,
            actor_name=member.name if member is not None else None,
            organization=org,
            target=user,
            target_label=member.name if member is not None else user.get_username(),
            request=request,
        )
        return
    shown = username[:_USERNAME_SHOWN]
    audit_record(event=event, actor_name="", detail=f"登录名:{shown}", request=request)


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    if request is not None and getattr(request, "axes_locked_out", False):
        return  # the lockout hook records it (once, as a lockout)
    username = str((credentials or {}).get("username", ""))
    _attempted(username, event=AuditEventKind.LOGIN_FAILED, request=request)


def on_locked_out(sender, request=None, username=None, **kwargs) -> None:
    _attempted(str(username or ""), event=AuditEventKind.LOGIN_LOCKED, request=request)


def connect() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    user_logged_in.connect(on_logged_in, dispatch_uid="members.signin.logged_in")
    user_logged_out.connect(on_logged_out, dispatch_uid="members.signin.logged_out")
    user_login_failed.connect(on_login_failed, dispatch_uid="members.signin.login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="members.signin.locked_out")
