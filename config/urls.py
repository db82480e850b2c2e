"""Root URL map: every app brings its own urls.py under a stable prefix."""

from django.conf import settings
from django.urls import include, path

from kinerja.reports.views import home

urlpatterns = [
    path("", home, name="home"),
    path("", include("kinerja.core.urls")),
    path("akun/", include("kinerja.accounts.urls")),
    path("organisasi/", include("kinerja.organisations.urls")),
    path("perencanaan/", include("kinerja.planning.urls")),
    path("evaluasi/", include("kinerja.evaluation.urls")),
    path("pengembangan/", include("kinerja.development.urls")),
    path("pimpinan/", include("kinerja.leadership.urls")),
    path("komunikasi/", include("kinerja.communication.urls")),
    path("adopsi/", include("kinerja.adoption.urls")),
    path("laporan/", include("kinerja.reports.urls")),
    path("pertukaran/", include("kinerja.exchange.urls")),
    path("pengawasan/", include("kinerja.oversight.urls")),
    path("api/v1/", include("kinerja.api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
