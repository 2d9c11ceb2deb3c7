"""A refused vote is said in words where the buttons are (a tooltip on a disabled button is
invisible on a touch screen); without JavaScript the refusal page says it."""

from mindwell.qa.models import Vote
from mindwell.qa.tests.factories import UserFactory, answer, ask


def test_voting_on_ones_own_answer_says_why_in_text(client_for, asker, category):
    q = ask(asker, category=category)
    writer = UserFactory()
    a = answer(q, writer, body="Writing it down before bed gave my mind somewhere to put it.")
    client = client_for(writer)
    page = client.get(q.get_absolute_url()).content.decode()
    buttons = page.split(f'id="vote-answer-{a.pk}"')[1].split("</form>")[0]
    assert " disabled" not in buttons  # tappable, and marked for assistive technology
    assert 'aria-disabled="true" title="You cannot vote on your own post."' in buttons
    tapped = client.post(f"/vote/answer/{a.pk}/", {"value": "up"}, HTTP_HX_REQUEST="true")
    assert tapped.status_code == 200
    assert '<p class="vote-refusal" role="status">You cannot vote on your own post.</p>' in (
        tapped.content.decode()
    )
    plain = client.post(f"/vote/answer/{a.pk}/", {"value": "up"})
    assert plain.status_code == 403
    assert "You cannot vote on your own post." in plain.content.decode()
    assert not Vote.objects.exists()
