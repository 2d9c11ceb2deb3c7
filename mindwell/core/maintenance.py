from django.db import connection


def optimize_database() -> None:
    """Refresh the query planner's statistics (SQLite only needs asking; PostgreSQL's
    autovacuum does it). Without them SQLite picks poor plans for tag pages."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA analysis_limit=1000")
            cursor.execute("PRAGMA optimize=0x10002")
