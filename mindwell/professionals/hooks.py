"""Professional badges and the viewer's recusal state on the question page (core.page_parts)."""

from typing import Any

from django.http import HttpRequest

from mindwell.core.page_parts import part, varies
from mindwell.professionals.referral import SENTENCE, already_in_therapy
from mindwell.professionals.selectors import has_badge, thread_professionals
from mindwell.qa.selectors import QuestionPage


@part("question", name="professionals.badges")
def badges(request: HttpRequest, page: QuestionPage, context: dict[str, Any]) -> dict[str, Any]:
    posts = [
        page.question,
        *page.answers,
        *page.question_comments,
        *(c for a in page.answers for c in a.visible_comments),  # type: ignore[attr-defined]
    ]
    professionals = thread_professionals(viewer=request.user, question=page.question, posts=posts)
    extra: dict[str, Any] = {"professionals": professionals}
    question = page.question
    if professionals.can_recuse and already_in_therapy(f"{question.title}\n{question.body}"):
        # The viewer is a verified professional and the asker already has a therapist.
        extra["referral_prompt"] = SENTENCE
        form = context.get("answer_form")
        if request.GET.get("referral") and form is not None and not form.is_bound:
            form.initial["body"] = SENTENCE
    return extra


@varies("question", name="professionals.badges")
def badges_varies(request: HttpRequest, question: Any) -> str | None:
    """A verified professional's page has their own recusal and referral controls."""
    return None if has_badge(request.user) else ""
