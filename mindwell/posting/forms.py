"""Forms validate input with the same rules as the services; they never save."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy

from mindwell.core import challenge
from mindwell.core.honeypot import HoneypotFormMixin
from mindwell.moderation.models import ModerationSettings
from mindwell.qa import content, permissions
from mindwell.qa import selectors as qa_selectors
from mindwell.qa.models import CONTENT_WARNINGS, TITLE_MAX, Answer
from mindwell.taxonomy import selectors as taxonomy_selectors
from mindwell.taxonomy import services as taxonomy
from mindwell.taxonomy.models import Category

NOTIFY_HELP = (
    "Optional: used only to send you notifications about this post, never shown to anyone."
)


class AuthorFieldsForm(HoneypotFormMixin, forms.Form):
    """Adds the anonymity fields a poster may use: visitors get a name and an email,
    members a "post anonymously" choice with an optional display name."""

    anonymous = forms.BooleanField(required=False, label="Post anonymously")
    anon_name = forms.CharField(
        required=False, max_length=60, label="Your name to display (optional)"
    )
    notify_email = forms.EmailField(required=False, label="Email (optional)", help_text=NOTIFY_HELP)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user
        allowed = permissions.anonymous_posting_allowed()
        if user.is_authenticated:
            del self.fields["notify_email"]
            if not allowed:
                del self.fields["anonymous"], self.fields["anon_name"]
            else:  # shown only once "Post anonymously" is ticked (CSS; no script)
                self.fields["anon_name"].label = "Name to show instead of yours (optional)"
        else:
            del self.fields["anonymous"]
            if ModerationSettings.load().challenge_visitors:
                challenge.add_challenge(self, args[0] if args else None)

    @property
    def drawing_key(self) -> str:
        """What the form's fields look like when drawn empty, as a key: the question page
        draws them once for every page (a `{% cache %}` fragment); "" when they are this
        form's own (bound, with initial values, or holding a visitor's challenge). What
        names the page (the visitor's "log in" link) is drawn outside them."""
        if self.is_bound or self.initial or "challenge" in self.fields:
            return ""
        viewer = "member" if self.user.is_authenticated else "visitor"
        return f"{type(self).__name__}|{self.auto_id}|{viewer}|{','.join(self.fields)}"

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        challenge.check(self)
        if (
            data is not None
            and "anonymous" in self.fields
            and data.get("anon_name")
            and not data.get("anonymous")
        ):
            self.add_error(
                "anon_name",
                "A name to show is only for anonymous posts: tick “Post anonymously”, "
                "or leave the name empty to post as yourself.",
            )
        return data

    def clean_anon_name(self) -> str:
        return content.clean_anon_name(self.cleaned_data.get("anon_name", ""))

    def warning_kwargs(self) -> dict[str, Any]:
        """The content warning, for the forms that have one."""
        if "content_warning" not in self.fields:
            return {}
        return {"content_warning": self.cleaned_data.get("content_warning", "")}


CONTENT_WARNING_CHOICES = [("", "No content warning"), *CONTENT_WARNINGS]


class ContentWarningMixin(forms.Form):
    content_warning = forms.ChoiceField(
        choices=CONTENT_WARNING_CHOICES,
        required=False,
        label="Content warning (optional)",
        help_text="Readers see this label and choose whether to open your text.",
    )


class QuestionForm(ContentWarningMixin, AuthorFieldsForm):
    title = forms.CharField(
        max_length=TITLE_MAX + 50,
        help_text="Say what the question is about in one sentence.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "hx-get": reverse_lazy("search:similar"),
                "hx-trigger": "input changed delay:500ms, load",
                "hx-target": "#similar-questions",
                "hx-params": "title",
                "hx-sync": "this:replace",
            }
        ),
    )
    body = forms.CharField(
        label="Details",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Markdown is supported: **bold**, *italic*, lists, [links](https://…).",
    )
    category = forms.TypedChoiceField(
        coerce=int,
        choices=(),
        # Choosing a category refreshes the popular tags under the tag field.
        widget=forms.Select(
            attrs={
                "hx-get": reverse_lazy("taxonomy:tag_suggestions"),
                "hx-trigger": "change",
                "hx-include": "closest form",
                "hx-params": "tags,category,field",
                "hx-vals": '{"field": "id_tags"}',
                "hx-target": "#id_tags-suggestions",
                "hx-swap": "outerHTML",
            }
        ),
    )
    # Drawn by taxonomy/partials/tag_field.html, with suggestions under it.
    tags = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    # "Ask a related question" from an answer: the answer it follows on from.
    follow_on = forms.IntegerField(required=False, widget=forms.HiddenInput)
    field_order = ("title", "body", "category", "tags")

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["follow_on"]
        most = taxonomy.max_tags()
        self.fields["tags"].help_text = (
            f"Up to {most} tag{'s' if most != 1 else ''}, separated by spaces or commas, "
            "e.g. anxiety sleep."
        )
        self.fields["category"].choices = [("", "Choose a category")] + [  # type: ignore[attr-defined]
            (str(pk), name) for pk, name in taxonomy_selectors.category_choices()
        ]
        if editing:
            for name in ("anonymous", "anon_name", "notify_email"):
                self.fields.pop(name, None)
            self.fields["summary"] = forms.CharField(
                required=False, max_length=200, label="Edit summary (optional)"
            )

    def clean_title(self) -> str:
        return content.clean_title(self.cleaned_data["title"])

    def clean_body(self) -> str:
        return content.clean_question_body(self.cleaned_data["body"])

    def clean_category(self) -> Category:
        category = Category.objects.filter(pk=self.cleaned_data["category"]).first()
        if category is None:
            raise ValidationError("Choose a category.")
        return category

    def clean_tags(self) -> list[str]:
        return taxonomy.parse_tags(self.cleaned_data.get("tags", ""))

    def tag_suggestions(self) -> taxonomy_selectors.TagSuggestions:
        """What the tag field shows under itself (drawn with the page, so it works
        without JavaScript; htmx refreshes it as the member types)."""
        text = str(self["tags"].value() or "")[:300]
        category = taxonomy_selectors.category_or_none(self["category"].value())
        return taxonomy_selectors.tag_suggestions(
            text=text, category=category, limit=taxonomy.max_tags()
        )

    def clean_follow_on(self) -> Answer | None:
        """A published answer in a published thread, or nothing (a stale link is ignored)."""
        answer_id = self.cleaned_data.get("follow_on")
        return qa_selectors.published_answer(answer_id) if answer_id else None


class AnswerForm(ContentWarningMixin, AuthorFieldsForm):
    body = forms.CharField(
        label="Your answer",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    field_order = ("body",)

    def clean_body(self) -> str:
        return content.clean_answer_body(self.cleaned_data["body"])


class CommentForm(AuthorFieldsForm):
    body = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 2}))
    answer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    field_order = ("body",)

    def clean_body(self) -> str:
        return content.clean_comment_body(self.cleaned_data["body"])


class EditAnswerForm(forms.Form):
    body = forms.CharField(label="Answer", widget=forms.Textarea(attrs={"rows": 12}))
    summary = forms.CharField(required=False, max_length=200, label="Edit summary (optional)")

    def clean_body(self) -> str:
        return content.clean_answer_body(self.cleaned_data["body"])


class EditCommentForm(forms.Form):
    body = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 3}))

    def clean_body(self) -> str:
        return content.clean_comment_body(self.cleaned_data["body"])
