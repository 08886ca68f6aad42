"""Demo data for organizations and members: a 党委 with three 党支部 of ten members each,
and the demo logins. Idempotent."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from members import services
from members.choices import Gender, MemberCategory, OrganizationKind, Position
from members.models import Member, Organization

PASSWORD = "demo-pass-2026"
COMMITTEE = "中共城关镇机关委员会"
GENERAL_BRANCH = "城关镇机关第一党总支"
BRANCHES = ("城关镇机关第一党支部", "城关镇机关第二党支部", "城关镇机关第三党支部")

# (name, gender, position, username); everyone in the first branch can log in
# (member2 … member9 besides the documented demo logins), so ballots and drafts can be tried.
ROSTERS = (
    (
        ("王建国", "male", Position.SECRETARY, "secretary1"),
        ("李秀英", "female", Position.DEPUTY_SECRETARY, "member2"),
        ("张伟", "male", Position.ORGANIZATION, "member3"),
        ("刘洋", "male", Position.PUBLICITY, "member4"),
        ("陈静", "female", Position.DISCIPLINE, "member5"),
        ("杨帆", "male", Position.NONE, "member1"),
        ("赵敏", "female", Position.NONE, "member6"),
        ("黄志强", "male", Position.NONE, "member7"),
        ("周婷", "female", Position.NONE, "member8"),
        ("吴磊", "male", Position.NONE, "member9"),
    ),
    (
        ("孙立平", "male", Position.SECRETARY, "secretary2"),
        ("马丽", "female", Position.ORGANIZATION, ""),
        ("朱晓东", "male", Position.PUBLICITY, ""),
        ("胡文娟", "female", Position.NONE, ""),
        ("郭鹏", "male", Position.NONE, ""),
        ("何雪梅", "female", Position.NONE, ""),
        ("高峰", "male", Position.NONE, ""),
        ("林芳", "female", Position.NONE, ""),
        ("罗斌", "male", Position.NONE, ""),
        ("梁红", "female", Position.NONE, ""),
    ),
    (
        ("宋德华", "male", Position.SECRETARY, "secretary3"),
        ("郑玉兰", "female", Position.DEPUTY_SECRETARY, ""),
        ("谢军", "male", Position.NONE, ""),
        ("韩冬梅", "female", Position.NONE, ""),
        ("唐海涛", "male", Position.NONE, ""),
        ("冯燕", "female", Position.NONE, ""),
        ("于洪波", "male", Position.NONE, ""),
        ("董丽华", "female", Position.NONE, ""),
        ("萧振宇", "male", Position.NONE, ""),
        ("程晓梅", "female", Position.NONE, ""),
    ),
)


def _org(name: str, kind: str, parent: Organization | None) -> Organization:
    existing = Organization.objects.filter(name=name, kind=kind).first()
    return existing or services.organization_create(name=name, kind=kind, parent=parent)


def load(context: dict) -> None:
    User = get_user_model()
    committee = _org(COMMITTEE, OrganizationKind.COMMITTEE, None)
    general = _org(GENERAL_BRANCH, OrganizationKind.GENERAL_BRANCH, committee)
    branches = [
        _org(BRANCHES[0], OrganizationKind.BRANCH, committee),
        _org(BRANCHES[1], OrganizationKind.BRANCH, committee),
        _org(BRANCHES[2], OrganizationKind.BRANCH, general),
    ]
    for b_index, (branch, roster) in enumerate(zip(branches, ROSTERS, strict=True)):
        for m_index, (name, gender, position, username) in enumerate(roster):
            if Member.objects.filter(branch=branch, name=name).exists():
                continue
            services.member_create(
                branch=branch,
                name=name,
                gender=Gender(gender),
                joined_on=datetime.date(1995 + (b_index * 7 + m_index * 3) % 28, 7, 1),
                category=MemberCategory.PROBATIONARY if m_index == 9 else MemberCategory.FULL,
                position=position,
                phone=f"1380000{b_index}{m_index:03d}",
                username=username,
                password=PASSWORD if username else "",
                password_temporary=False,  # the demo logins go straight in
            )

    supervisor, created = User.objects.get_or_create(username="supervisor")
    if created:
        supervisor.set_password(PASSWORD)
        supervisor.first_name = "组织部审核员"
        supervisor.save()
    services.supervisor_assign(user=supervisor, organization=committee)

    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@orglife.local", PASSWORD)

    context.update(committee=committee, branches=branches, supervisor=supervisor)
