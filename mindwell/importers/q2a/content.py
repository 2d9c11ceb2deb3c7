"""Question2Answer post content to Mindwell Markdown.

Q2A stores posts either as plain text (`format=''`: shown escaped, newlines kept, URLs
linked) or as HTML (`format='html'`: sanitised again on display). Both become Markdown
that Mindwell's renderer (no raw HTML, nh3 allow-list) shows the way Q2A did: plain text
stays literal (`**not bold**` is not bold), HTML keeps its structure, scripts and styles
go with their content, only http(s), mailto and relative links survive.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bs4 import BeautifulSoup
from markdownify import MarkdownConverter

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\""
# Characters Markdown gives a meaning anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>!|~&])")
# Line starts that make a block: headings, quotes, lists, rules, setext underlines, code.
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "/", "#", "../", "./", "?")


def _escape_inline(text: str) -> str:
    return _INLINE.sub(r"\\\1", text)


def _escape_line_start(match: re.Match[str]) -> str:
    if match.group(2):
        return f"{match.group(1)}\\{match.group(2)}"
    return f"{match.group(1)}{match.group(3)}\\{match.group(4)}"


def _link(url: str) -> tuple[str, str]:
    """Split trailing punctuation off a bare URL, as Q2A's linker does."""
    tail = ""
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        tail = url[-1] + tail
        url = url[:-1]
    return url, tail


def plain_to_markdown(text: str) -> str:
    """Plain text as Markdown that renders as the same text, with line breaks and links."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        pieces: list[str] = []
        last = 0
        for match in _URL.finditer(line):
            url, tail = _link(match.group(0))
            pieces.append(_escape_inline(line[last : match.start()]))
            href = url if "://" in url else f"http://{url}"
            pieces.append(f"[{_escape_inline(url)}](<{href}>)" if href != url else f"<{url}>")
            pieces.append(_escape_inline(tail))
            last = match.start() + len(match.group(0))
        pieces.append(_escape_inline(line[last:]))
        converted = "".join(pieces)
        converted = _LINE_START.sub(_escape_line_start, converted, count=1)
        if converted.startswith(("    ", "\t")):
            converted = converted.lstrip(" \t")  # not a code block: Q2A collapses it too
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if converted.strip() and following.strip():
            converted += "\\"  # a hard line break, as Q2A's nl2br shows it
        out.append(converted)
    return "\n".join(out).strip()


class _Converter(MarkdownConverter):
    """markdownify, with links and images limited to safe targets."""

    def convert_a(self, el: Any, text: str, parent_tags: Any) -> str:
        href = (el.get("href") or "").strip()
        if not href.lower().startswith(_SAFE_SCHEMES):
            return text  # javascript:, data: and the like: keep the words, drop the target
        return str(super().convert_a(el, text, parent_tags))  # type: ignore[misc]

    def convert_img(self, el: Any, text: str, parent_tags: Any) -> str:
        src = (el.get("src") or "").strip()
        alt = (el.get("alt") or "").strip() or "image"
        if not src.lower().startswith(_SAFE_SCHEMES):
            return alt
        return f"[{_escape_inline(alt)}](<{src}>)"


def html_to_markdown(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "iframe", "object", "embed", "noscript", "template"]):
        element.decompose()
    converter = _Converter(
        heading_style="ATX",
        bullets="-",
        escape_asterisks=True,
        escape_underscores=True,
        escape_misc=True,
        autolinks=True,
    )
    markdown = converter.convert_soup(soup)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown)
    return markdown.strip()


_BLOCKS = ["p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr"]


def html_to_plain(html: str) -> str:
    """HTML as the plain text the site keeps for comments: the words, a link as
    "words (address)" when its address is a safe one not already in its words, line
    breaks for <br> and blocks; scripts and styles dropped with their content."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "iframe", "object", "embed", "noscript", "template"]):
        element.decompose()
    for anchor in soup.find_all("a"):
        href = str(anchor.get("href") or "").strip()
        words = anchor.get_text()
        safe = href.lower().startswith(_SAFE_SCHEMES)
        anchor.replace_with(f"{words} ({href})" if safe and href not in words else words)
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(_BLOCKS):
        block.insert_after("\n\n")
    text = "\n".join(line.strip() for line in soup.get_text().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def to_plain(content: str, fmt: str) -> str:
    """A Q2A comment as the plain text the site keeps for its own comments (no Markdown:
    the site shows comments escaped, with their line breaks)."""
    if (fmt or "").lower() == "html":
        return html_to_plain(content or "")
    return (content or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def to_markdown(content: str, fmt: str) -> str:
    if (fmt or "").lower() == "html":
        return html_to_markdown(content or "")
    return plain_to_markdown(content or "")


def rewrite_links(
    markdown: str, *, site_url: str, resolve: Callable[[int, int | None], str | None]
) -> str:
    """Point links to the old site's questions (and ?show= answers and comments) at their
    Mindwell pages. `resolve(post_id, show_id)` returns the new URL, or None to leave a
    link as it was."""
    base = re.escape(site_url.rstrip("/"))
    pattern = re.compile(
        rf"(?:{base}/|\.\./|(?<=\()/|(?<=<)/)"
        r"(?:index\.php\?qa=(\d+)(?:&(?:amp;)?qa_1=[^\s)>&#]*)?|\?qa=(\d+)(?:[/&][^\s)>#]*)?|(\d+)(?:/[^\s)>?#]*)?)"
        r"(?:\?show=(\d+))?(?:#[ac]\d+)?"
    )

    def replace(match: re.Match[str]) -> str:
        post_id = int(match.group(1) or match.group(2) or match.group(3))
        show = int(match.group(4)) if match.group(4) else None
        return resolve(post_id, show) or match.group(0)

    rewritten = pattern.sub(replace, markdown)
    # A bare link that now points inside the site is no autolink in Markdown: name it.
    return re.sub(r"<(/[^>\s]*)>", r"[\1](\1)", rewritten)
