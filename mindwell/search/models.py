from django.db import models


class SearchDocument(models.Model):
    """The searchable text of one published question with its answers and comments.

    The full-text index itself is database-specific and kept by the database: on
    SQLite an FTS5 table `search_fts` (external content, synced by triggers), on
    PostgreSQL a generated, weighted `vector` tsvector column with a GIN index
    (both created in migration 0002).
    """

    question = models.OneToOneField(
        "qa.Question", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.TextField()
    tags = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Filters and ranking, copied so a search needs no join.
    category_path = models.CharField(max_length=200, db_index=True)
    answer_count = models.PositiveIntegerField(default=0)
    has_accepted = models.BooleanField(default=False)
    score = models.IntegerField(default=0)
    boost = models.FloatField(default=1.0)
    created_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.title
