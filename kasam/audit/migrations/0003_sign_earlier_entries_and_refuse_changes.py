"""Sign the entries written before the chain existed, seal them in id order, and on
PostgreSQL make the database refuse UPDATE and DELETE on the audit tables."""

import hashlib
import ipaddress
import json

from django.conf import settings
from django.db import migrations
from django.utils.crypto import salted_hmac

# A snapshot of kasam.audit.chain at the time of this migration (migrations do not import
# the app's code, which may change later).
GENESIS = "0" * 64


def _digest(event):
    ip = ipaddress.ip_address(event.ip_address).compressed if event.ip_address else ""
    fields = [
        event.occurred_at.isoformat(), event.actor_id, event.actor_role, event.actor_unit_id,
        event.client_id, event.action, event.object_type, event.object_id, event.basis,
        event.emergency_access_id, ip, event.changes,
    ]
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    key = settings.KASAM_AUDIT_KEY or settings.SECRET_KEY
    return salted_hmac("kasam.audit", text, secret=key, algorithm="sha256").hexdigest()


def sign_and_seal(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    ChainLink = apps.get_model("audit", "ChainLink")
    previous, links = GENESIS, []
    for position, event in enumerate(AuditEvent.objects.order_by("id").iterator(), start=1):
        digest = _digest(event)
        AuditEvent.objects.filter(pk=event.pk).update(digest=digest)
        previous = hashlib.sha256(f"{previous}:{event.pk}:{digest}".encode()).hexdigest()
        links.append(ChainLink(position=position, event_id=event.pk, chain=previous))
    ChainLink.objects.bulk_create(links, batch_size=5000)


TABLES = ["audit_auditevent", "audit_chainlink"]
REFUSE = """
CREATE OR REPLACE FUNCTION kasam_audit_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
""" + "".join(
    f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
    "FOR EACH ROW EXECUTE FUNCTION kasam_audit_is_append_only();\n"
    for table in TABLES
)
ALLOW = "".join(f"DROP TRIGGER IF EXISTS {t}_append_only ON {t};\n" for t in TABLES) + (
    "DROP FUNCTION IF EXISTS kasam_audit_is_append_only();"
)


def refuse_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REFUSE, params=None)


def allow_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ALLOW, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_tamper_evident_chain")]

    operations = [
        migrations.RunPython(sign_and_seal, migrations.RunPython.noop),
        migrations.RunPython(refuse_changes, allow_changes),
    ]
