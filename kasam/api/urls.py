from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import SimpleRouter

from kasam.organisation.api import StaffViewSet, UnitViewSet
from kasam.registry.api import ClientViewSet

router = SimpleRouter()
router.register("clients", ClientViewSet, basename="client")
router.register("units", UnitViewSet, basename="unit")
router.register("staff", StaffViewSet, basename="staff")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/auth/token/", obtain_auth_token, name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]
