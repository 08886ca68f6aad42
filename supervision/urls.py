"""URLs of the supervisor's overview (上级督导); the views module lists them."""

from supervision.views import app_name, urlpatterns

__all__ = ["app_name", "urlpatterns"]
