"""The national identifier systems a FHIR Patient carries, in one table.

TO VERIFY: these URIs follow HL7 Norway's no-basis profiles and HL7 Sweden's basic profiles
as known when this was written (no network to check them here). An installation must check
them against the profiles its partners use before exchanging data."""

from __future__ import annotations

from kasam.core.national_id import IdKind

SYSTEMS: dict[IdKind, str] = {
    IdKind.FODSELSNUMMER: "urn:oid:2.16.578.1.12.4.1.4.1",  # Norway: fødselsnummer
    IdKind.D_NUMMER: "urn:oid:2.16.578.1.12.4.1.4.2",  # Norway: D-nummer
    IdKind.H_NUMMER: "urn:oid:2.16.578.1.12.4.1.4.3",  # Norway: H-nummer (help number)
    IdKind.PERSONNUMMER: "http://electronichealth.se/identifier/personnummer",  # Sweden
    IdKind.SAMORDNINGSNUMMER: "http://electronichealth.se/identifier/samordningsnummer",
}
KINDS_BY_SYSTEM = {system: kind for kind, system in SYSTEMS.items()}

# Protected identity (sperret adresse / skyddad identitet): the resource is restricted.
RESTRICTED = {
    "system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality",
    "code": "R",
    "display": "restricted",
}
