from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model

from members import services
from members.choices import OrganizationKind, Position
from members.models import Member, Supervisor


class OrganizationFactory:
    """Organizations go through the service (treebeard computes the path)."""

    @staticmethod
    def committee(name: str = "党委", parent=None):
        return services.organization_create(
            name=name, kind=OrganizationKind.COMMITTEE, parent=parent
        )

    @staticmethod
    def general_branch(parent, name: str = "党总支"):
        return services.organization_create(
            name=name, kind=OrganizationKind.GENERAL_BRANCH, parent=parent
        )

    @staticmethod
    def branch(parent, name: str = "党支部"):
        return services.organization_create(name=name, kind=OrganizationKind.BRANCH, parent=parent)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pw-for-tests-2026")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    name = factory.Sequence(lambda n: f"党员{n}")
    gender = "male"
    category = "full"
    joined_on = datetime.date(2010, 7, 1)
    position = Position.NONE
    user = factory.SubFactory(UserFactory)


class SupervisorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supervisor

    user = factory.SubFactory(UserFactory)
