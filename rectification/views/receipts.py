"""回执查询: whoever gave an opinion looks up, with the receipt code alone and no login, what
became of it. POST only carries the code (never in a URL, so never in a log line or the
browser history); the path writes no access-log line in production (deploy/); lookups are
throttled per address with counters in the cache only, like the public opinion link."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.decorators import ratelimit

from rectification.selectors.receipts import receipt_lookup

RATE_PER_MINUTE = "10/m"
RATE_PER_HOUR = "60/h"


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("回执码"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "placeholder": "XXXX-XXXX-XXXX-XXXX",
            }
        ),
        help_text=_("提意见后页面上显示的 16 位回执码,不区分大小写。"),
    )


@ratelimit(key="ip", rate=RATE_PER_MINUTE, method="POST", block=False)
@ratelimit(key="ip", rate=RATE_PER_HOUR, method="POST", block=False)
def receipt(request):
    """GET: the form. POST: the answer for the code (or "not found", for any wrong code)."""
    if request.method == "POST" and getattr(request, "limited", False):
        return render(
            request,
            "rectification/receipt.html",
            {"form": ReceiptForm(), "throttled": True},
            status=429,
        )
    form = ReceiptForm(request.POST if request.method == "POST" else None)
    answer, looked = None, False
    if form.is_bound and form.is_valid():
        looked = True
        answer = receipt_lookup(code=form.cleaned_data["code"])
        form = ReceiptForm()  # the code is not echoed back into the page
    return render(
        request,
        "rectification/receipt.html",
        {"form": form, "answer": answer, "looked": looked},
    )
