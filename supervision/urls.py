"""URLs of the supervisor's overview (上级督导); the views module lists them, the audit log's
pages are in auditlog.py."""

from supervision import auditlog
from supervision.views import app_name
from supervision.views import urlpatterns as overview_urlpatterns

urlpatterns = [*overview_urlpatterns, *auditlog.urlpatterns]

__all__ = ["app_name", "urlpatterns"]
