"""The member's personal access tokens for the API (settings → API tokens)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from mindwell.accounts import tokens
from mindwell.accounts.forms import ApiTokenForm
from mindwell.accounts.http import AuthedRequest
from mindwell.core.errors import DomainError


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: AuthedRequest) -> HttpResponse:
    """List the member's tokens and make a new one; the new secret is shown on this
    response only (never redirected through a message, never stored)."""
    form = ApiTokenForm(request.POST or None, scopes=tokens.scopes_for(request.user))
    secret, status = "", 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                _, secret = tokens.create_api_token(user=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                status = 201
                form = ApiTokenForm(scopes=tokens.scopes_for(request.user))
    context = {"form": form, "secret": secret, "tokens": tokens.member_tokens(request.user)}
    return render(request, "accounts/api_tokens.html", context, status=status)


@login_required
@require_POST
def api_token_revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    token = tokens.revoke_api_token(user=request.user, token_id=token_id)
    messages.success(request, f"The token “{token.name}” is revoked: it no longer works.")
    return redirect("accounts:api_tokens")
