"""URLs of the rectification app, one list per area: the problem list and the report upward,
the ledger (整改台账), the look-backs (回头看).

``meeting_urlpatterns`` are the meeting's pages whose actions reach into rectification
(holding it, sorting opinions, the meeting day): ``config/urls.py`` routes them under
``/meetings/`` in the ``meetings`` namespace, beside ``meetings.urls``, so their paths and
names are the meeting's own.
"""

from rectification.views import ledger as ledger_views
from rectification.views import lifecycle as lifecycle_views
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

meeting_urlpatterns = [*lifecycle_views.urlpatterns]
