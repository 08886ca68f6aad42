"""URLs of the rectification app, one list per area: the problem list and the report upward,
the ledger (整改台账), the look-backs (回头看)."""

from rectification.views import ledger as ledger_views
from rectification.views import lookbacks as lookback_views
from rectification.views import problems as problem_views
from rectification.views import receipts as receipt_views

app_name = "rectification"

urlpatterns = [
    *problem_views.urlpatterns,
    *ledger_views.urlpatterns,
    *lookback_views.urlpatterns,
    *receipt_views.urlpatterns,
]
