"""Reading a Question2Answer database (MySQL or MariaDB) with PyMySQL over utf8mb4."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

import pymysql
import pymysql.cursors

from mindwell.core.errors import DomainError


@dataclass(frozen=True)
class Location:
    host: str
    port: int
    user: str
    password: str
    database: str
    unix_socket: str | None = None

    @classmethod
    def parse(cls, url: str) -> Location:
        """mysql://user:pass@host[:port]/dbname (or ?unix_socket=/path)."""
        parts = urlsplit(url)
        if parts.scheme not in ("mysql", "mariadb") or not parts.path.strip("/"):
            raise DomainError(
                "Give the Q2A database as mysql://user:password@host[:port]/database."
            )
        query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
        return cls(
            host=parts.hostname or "localhost",
            port=parts.port or 3306,
            user=unquote(parts.username or "root"),
            password=unquote(parts.password or ""),
            database=unquote(parts.path.strip("/")),
            unix_socket=query.get("unix_socket"),
        )

    def __str__(self) -> str:  # never shows the password
        return f"mysql://{self.user}@{self.host}:{self.port}/{self.database}"


class Source:
    """One open Q2A database with a table prefix."""

    def __init__(self, location: Location, prefix: str = "qa_") -> None:
        if not re.fullmatch(r"[A-Za-z0-9_]*", prefix):
            raise DomainError("The table prefix may hold only letters, digits and _.")
        self.location = location
        self.prefix = prefix
        try:
            self.connection = pymysql.connect(
                host=location.host,
                port=location.port,
                user=location.user,
                password=location.password,
                database=location.database,
                unix_socket=location.unix_socket,
                charset="utf8mb4",
                use_unicode=True,
                cursorclass=pymysql.cursors.DictCursor,
                connect_timeout=10,
            )
        except pymysql.MySQLError as exc:
            raise DomainError(f"Cannot open the Q2A database {location}: {exc.args[-1]}") from exc

    def table(self, name: str) -> str:
        return f"`{self.prefix}{name}`"

    def has_table(self, name: str) -> bool:
        with self.connection.cursor() as cursor:
            cursor.execute("SHOW TABLES LIKE %s", (f"{self.prefix}{name}",))
            return cursor.fetchone() is not None

    def all(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql.replace("^", self.prefix), params)
            return list(cursor.fetchall())

    def stream(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[dict[str, Any]]:
        """Rows one at a time, without holding the table in memory."""
        with self.connection.cursor(pymysql.cursors.SSDictCursor) as cursor:
            cursor.execute(sql.replace("^", self.prefix), params)
            yield from cursor

    def count(self, sql: str, params: tuple[Any, ...] = ()) -> int:
        rows = self.all(sql, params)
        return int(next(iter(rows[0].values()))) if rows else 0

    def options(self) -> dict[str, str]:
        return {r["title"]: r["content"] for r in self.all("SELECT title, content FROM ^options")}

    def close(self) -> None:
        self.connection.close()
