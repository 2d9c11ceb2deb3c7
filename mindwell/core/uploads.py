"""An upload handler that stops storing a file once it passes FILE_UPLOAD_MAX_BYTES, so a
huge upload never fills the disk or memory: the rest is read and dropped, and the request
is marked (`upload_too_large`) for the view to say so."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

TOO_LARGE = "upload_too_large"


class SizeLimitedUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: passes chunks on until the file is too big."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.FILE_UPLOAD_MAX_BYTES:
            if self.request is not None:
                setattr(self.request, TOO_LARGE, True)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def upload_too_large(request: Any) -> bool:
    return bool(getattr(request, TOO_LARGE, False))
