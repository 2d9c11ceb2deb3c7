"""Content factories: a question, an answer, a comment, through the posting services. The
member and category factories live with their apps (re-exported here for convenience)."""

from mindwell.accounts.tests.factories import UserFactory
from mindwell.taxonomy.tests.factories import CategoryFactory

__all__ = ["CategoryFactory", "UserFactory", "answer", "ask", "comment"]


def ask(
    author=None,
    *,
    title="How do I stop worrying at night?",
    body=None,
    tags=("sleep",),
    category=None,
    **kwargs,
):
    from mindwell.posting import services

    return services.ask_question(
        author=author,
        title=title,
        body=body or "Every night my mind races about work and I cannot sleep at all.",
        category=category or CategoryFactory(),
        tags=list(tags),
        **kwargs,
    )


def answer(question, author=None, *, body="Writing worries down before bed helps me.", **kwargs):
    from mindwell.posting import services

    return services.post_answer(author=author, question=question, body=body, **kwargs)


def comment(question, author=None, *, answer=None, body="Thank you for sharing.", **kwargs):
    from mindwell.posting import services

    return services.post_comment(
        author=author, question=question, answer=answer, body=body, **kwargs
    )
