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

# Sent when whether a client is served changes from `since` on (their status, a stay away
# from home), with `client_id`: the visits app cancels the visits planned from that day, or
# brings back those whose reason went (documented visits stay as they were).
serving_changed = Signal()
