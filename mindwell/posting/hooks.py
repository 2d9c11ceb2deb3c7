"""The empty answer and comment forms on the question page (see core.page_parts)."""

from typing import Any

from django.http import HttpRequest

from mindwell.core.page_parts import part
from mindwell.posting.forms import AnswerForm, CommentForm


# "question.forms": the parts a question page drawn for many viewers (qa.views) fills in
# for each one, given the question (on "question", the subject is its QuestionPage).
@part("question", "question.forms", name="posting.forms")
def forms(request: HttpRequest, subject: Any, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "answer_form": AnswerForm(user=request.user),
        "comment_form": CommentForm(user=request.user, auto_id="cq-%s"),
    }
