"""The one webhook signature both senders use: receivers check it with their secret."""

import hashlib
import hmac

from mindwell.core.webhooks import sign


def test_a_signature_is_the_hmac_of_the_body_and_changes_with_the_secret():
    expected = hmac.new(b"secret", b'{"a":1}', hashlib.sha256).hexdigest()
    assert sign("secret", b'{"a":1}') == f"sha256={expected}"
    assert sign("other", b'{"a":1}') != sign("secret", b'{"a":1}')


def test_a_timestamped_signature_covers_the_time_so_a_replay_later_does_not_match():
    expected = hmac.new(b"secret", b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
    assert sign("secret", b'{"a":1}', timestamp="1700000000") == f"sha256={expected}"
    assert sign("secret", b'{"a":1}', timestamp="1700000001") != f"sha256={expected}"
