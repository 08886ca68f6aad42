import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.choices import MemberCategory, Position
from members.models import Member


class RosterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    category = django_filters.ChoiceFilter(
        label=_("党员类别"), choices=MemberCategory.choices, empty_label=_("全部类别")
    )
    position = django_filters.ChoiceFilter(
        label=_("支委职务"),
        choices=[(v, lbl) for v, lbl in Position.choices if v],
        empty_label=_("全部职务"),
    )
    status = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=[("active", _("在册")), ("inactive", _("已停用")), ("all", _("全部"))],
        empty_label=None,
        method="by_status",
    )

    class Meta:
        model = Member
        fields = ["q", "category", "position", "status"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("status", "active")
        super().__init__(data, *args, **kwargs)
        for name in ("category", "position", "status"):  # labelled in templates/members/roster.html
            self.form.fields[name].widget.attrs["class"] = "form-select"

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(phone__icontains=value))

    def by_status(self, queryset, name, value):
        if value == "active":
            return queryset.filter(is_active=True)
        if value == "inactive":
            return queryset.filter(is_active=False)
        return queryset


class BranchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), field_name="name", lookup_expr="icontains")
