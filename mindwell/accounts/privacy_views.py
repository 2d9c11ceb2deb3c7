"""The member's privacy page: download their data, delete their account."""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mindwell.accounts import privacy
from mindwell.accounts.http import AuthedRequest
from mindwell.accounts.models import User
from mindwell.core import ratelimit


class DeleteAccountForm(forms.Form):
    """Deleting an account asks which way the posts go, the username and the password."""

    posts = forms.ChoiceField(
        label="Your questions, answers and comments",
        choices=[
            (
                privacy.ANONYMISE,
                "Keep them for others to read, shown as “Former member” "
                "(anonymous posts stay anonymous)",
            ),
            (privacy.DELETE, "Delete them (answers others wrote to your questions go too)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose what happens to your posts."},
    )
    username = forms.CharField(
        label="Type your username to confirm",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        if username.casefold() != self.user.username.casefold():
            raise forms.ValidationError("That is not your username.")
        return username

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not right.")
        return password


def _export_filename(username: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", username)
    return f"mindwell-export-{safe}-{timezone.now():%Y-%m-%d}.json"


@login_required
@require_GET
def privacy_page(request: AuthedRequest) -> HttpResponse:
    context = {"ip_digest_days": settings.IP_DIGEST_RETENTION_DAYS}
    return render(request, "accounts/privacy/privacy.html", context)


@login_required
@require_POST
def download_data(request: AuthedRequest) -> HttpResponse:
    data = privacy.export_member_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    filename = _export_filename(request.user.username)
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    add_never_cache_headers(response)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: AuthedRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST":
        # Each try counts as a log-in attempt, so a borrowed session cannot guess
        # the password here any faster than on the log-in page.
        ratelimit.hit_from_request(request, "login")
        if form.is_valid():
            privacy.delete_account(user=request.user, posts=form.cleaned_data["posts"])
            logout(request)
            return redirect("accounts:account_deleted")
    return render(
        request,
        "accounts/privacy/delete.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/privacy/goodbye.html")
