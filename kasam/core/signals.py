"""Signals that let a lower app tell higher ones what changed, without importing them."""

from __future__ import annotations

from django.dispatch import Signal

# Sent after a bulk write that sends no model signals (bulk_create, QuerySet.update), with
# `source` (e.g. "visits") and the days `first` to `last` the written records fall on. The
# indicators app raises its source counters (kasam.indicators.cache).
bulk_written = Signal()

# Sent when a write changes something a source counts by, which model signals cannot tell
# (a client's status and the day it took effect), with `source` (e.g. "client_status").
source_changed = Signal()

# Sent when a client is gone (inactive, deceased, moved away) from `since`, with `client_id`:
# the visits app removes the visits planned from that day (documented ones stay).
client_gone = Signal()
