"""Journey: a pelaksana logs in with NIP and password and finds their assessor line."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kinerja.accounts.models import User
from tests.world import PASSWORD

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Penilaian-Abdya-2026"


def test_staff_logs_in_and_sees_assessor_line_on_own_profile(live_server, live_world, sign_in):
    page = sign_in(live_world.staff)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rahmat Pelaksana")

    page.get_by_role("button", name="Rahmat Pelaksana").click()
    page.get_by_role("link", name="Profil saya").click()

    expect(page).to_have_url(re.compile(rf"/organisasi/pegawai/{live_world.staff.nip}/$"))
    expect(page.get_by_test_id("pejabat-penilai")).to_contain_text("Nurul Kasi")
    expect(page.get_by_test_id("pejabat-penilai")).to_contain_text("Kepala Seksi")
    expect(page.get_by_test_id("atasan-penilai")).to_contain_text("Teuku Kabid")
    expect(page.get_by_test_id("atasan-penilai")).to_contain_text("Kepala Bidang")


def test_wrong_password_shows_indonesian_error_and_stays_on_login(live_server, live_world, sign_in):
    page = sign_in(live_world.staff, password="bukan-kata-sandinya")

    expect(page).to_have_url(re.compile(r"/akun/masuk/"))
    expect(page.get_by_role("alert")).to_have_text(
        "NIP atau kata sandi salah. Periksa kembali lalu coba lagi."
    )
    expect(page.get_by_label("NIP")).to_have_value(live_world.staff.nip)


def test_first_login_is_forced_to_change_password_then_reaches_home(
    live_server, live_world, sign_in
):
    User.objects.filter(employee=live_world.nurse).update(must_change_password=True)

    page = sign_in(live_world.nurse)
    expect(page).to_have_url(re.compile(r"/akun/kata-sandi/\?wajib=1$"))
    expect(page.get_by_role("alert")).to_contain_text("Ini masuk pertama Anda")

    # Any other page sends them back until the password is changed.
    page.goto(f"{live_server.url}/organisasi/pegawai/")
    expect(page).to_have_url(re.compile(r"/akun/kata-sandi/"))

    page.get_by_label("Kata sandi lama").fill(PASSWORD)
    page.get_by_label("Kata sandi baru", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Ulangi kata sandi baru").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Simpan kata sandi").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("alert")).to_contain_text("Kata sandi berhasil diganti.")
    user = User.objects.get(employee=live_world.nurse)
    assert user.must_change_password is False
    assert user.check_password(NEW_PASSWORD)

    page.goto(f"{live_server.url}/organisasi/pegawai/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Direktori Pegawai")


def test_on_a_phone_the_menu_collapses_behind_a_button_and_still_navigates(
    live_server, live_world, sign_in, page
):
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(live_world.staff)

    menu = page.get_by_role("navigation", name="Navigasi utama")
    directory_link = menu.get_by_role("link", name="Direktori Pegawai")
    expect(directory_link).to_be_hidden()
    page.get_by_role("button", name="Buka menu").click()
    menu.get_by_role("button", name="Organisasi").click()
    directory_link.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Direktori Pegawai")
    page.get_by_role("button", name="Akun: Rahmat Pelaksana").click()
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(r"/akun/masuk/"))
