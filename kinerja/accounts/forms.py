from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from kinerja.organisations.domain.nip import normalise


class NipLoginForm(AuthenticationForm):
    """Log in with NIP and password; spaces typed inside the NIP are ignored."""

    username = forms.CharField(
        label="NIP",
        max_length=40,
        widget=forms.TextInput(
            attrs={"autofocus": True, "inputmode": "numeric", "autocomplete": "username"}
        ),
    )
    password = forms.CharField(
        label="Kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": "NIP atau kata sandi salah. Periksa kembali lalu coba lagi.",
        "inactive": "Akun ini tidak aktif. Hubungi pengelola kinerja perangkat daerah Anda.",
    }

    def clean_username(self) -> str:
        raw = self.cleaned_data.get("username", "")
        digits = normalise(raw)
        return digits if digits.isdigit() else raw.strip()


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label="Kata sandi lama",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label="Kata sandi baru",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Minimal 8 karakter, tidak hanya angka, tidak mudah ditebak.",
    )
    new_password_again = forms.CharField(
        label="Ulangi kata sandi baru",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("new_password") and data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", "Kedua kata sandi baru tidak sama.")
        return data


class TokenForm(forms.Form):
    name = forms.CharField(label="Nama token", max_length=100, help_text="Misalnya: sinkron SIASN")
