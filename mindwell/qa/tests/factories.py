import factory

from mindwell.accounts.models import User
from mindwell.taxonomy.models import Category


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("a-long-test-password")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


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
