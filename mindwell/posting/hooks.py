"""The empty answer and comment forms on the question page (see core.page_parts)."""

from typing import Any

from django.http import HttpRequest

from mindwell.core.page_parts import part
from mindwell.posting.forms import AnswerForm, CommentForm
from mindwell.qa.selectors import QuestionPage


# "question.forms": what a question page drawn for many (qa.views) fills in per viewer.
@part("question", "question.forms", name="posting.forms")
def forms(request: HttpRequest, page: QuestionPage, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "answer_form": AnswerForm(user=request.user),
        "comment_form": CommentForm(user=request.user, auto_id="cq-%s"),
    }
