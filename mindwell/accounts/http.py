from django.http import HttpRequest

from mindwell.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request behind @login_required: `user` is a member, not AnonymousUser."""

    user: User
