"""A rule of the domain refused an action; `message` is for the user, in their language."""

from __future__ import annotations


class Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
