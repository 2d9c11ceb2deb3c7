from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Mindwell's allauth adapter (rate limits are added here)."""
