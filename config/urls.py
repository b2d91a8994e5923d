from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from reports.views import home
from units.admin_site import support_admin
from units.forms import LoginForm
from units.views import OwnPasswordChangeView

urlpatterns = [
    path("", home, name="home"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", OwnPasswordChangeView.as_view(), name="password_change"),
    path("ngon-ngu/", login_not_required(set_language), name="set_language"),
    path("ho-tro/", support_admin.urls),
    path("", include("units.urls")),
    path("", include("scoring.urls")),
    path("", include("emulation.urls")),
    path("", include("awards.urls")),
    path("", include("reports.urls")),
]
