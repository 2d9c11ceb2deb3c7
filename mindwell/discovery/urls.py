"""Feeds, sitemaps and robots.txt: how other sites and crawlers find the questions."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from mindwell.discovery import feeds, views
from mindwell.discovery.sitemaps import SITEMAPS

app_name = "discovery"
urlpatterns = [
    path("feeds/questions/", feeds.RecentQuestionsFeed(), name="feed_questions"),
    path("feeds/questions/atom/", feeds.RecentQuestionsAtomFeed(), name="feed_questions_atom"),
    path("feeds/categories/<slug:slug>/", feeds.CategoryFeed(), name="feed_category"),
    path("feeds/tags/<str:name>/", feeds.TagFeed(), name="feed_tag"),
    path("feeds/questions/<int:question_id>/answers/", feeds.AnswersFeed(), name="feed_answers"),
    path("feeds/answers/", feeds.RecentAnswersFeed(), name="feed_recent_answers"),
    path("feeds/comments/", feeds.RecentCommentsFeed(), name="feed_recent_comments"),
]

# Outside the namespace: the sitemaps framework reverses these names.
seo_urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
