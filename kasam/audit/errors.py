from __future__ import annotations


class AuditUnavailable(RuntimeError):
    """The audit entry could not be written, so the read or change it logs must not happen."""
