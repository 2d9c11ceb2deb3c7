"""What accounts tells the other apps about a member's personal data.

Each app that keeps data about members answers in its own `privacy.py` (connected in its
AppConfig.ready) and lists there, in `HANDLES`, every model of its own that points at a member;
a test fails when a model with a link to the user is in nobody's list.

- `member_export(user, addresses)`: receivers return {section name: JSON-ready data} for the
  member's download.
- `member_erase(erasure, phase)`: sent once per phase, in ERASE_PHASES order, while the account
  is deleted. Receivers do their part of each phase and nothing twice:
    collect  gather what others need (the member's post ids, titles, notify addresses);
    votes    withdraw the member's votes through the normal services;
    names    replace the member's name (and, when deleting, titles) wherever it was copied;
    posts    anonymise or delete the member's posts;
    rows     delete the rows that are the member's own.
"""

from django.dispatch import Signal

member_export = Signal()
member_erase = Signal()
ERASE_PHASES = ("collect", "votes", "names", "posts", "rows")
