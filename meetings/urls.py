"""URLs of the meetings app, one list per area (plan and study, opinions, talks …)."""

from meetings.views import day as day_views
from meetings.views import drafts as draft_views
from meetings.views import evaluation as evaluation_views
from meetings.views import meeting as meeting_views
from meetings.views import opinions as opinion_views
from meetings.views import talks as talk_views

app_name = "meetings"

urlpatterns = [
    *meeting_views.urlpatterns,
    *opinion_views.urlpatterns,
    *talk_views.urlpatterns,
    *evaluation_views.urlpatterns,
    *day_views.urlpatterns,
    *draft_views.urlpatterns,
]
