from tests.conftest import login


def test_home_renders_for_province_staff(client, staff_user):
    response = login(client, staff_user).get("/")
    assert response.status_code == 200
