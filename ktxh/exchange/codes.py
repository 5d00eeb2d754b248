"""DHIS2 identifiers <-> ktxh codes, through Dhis2Mapping (idScheme=UID) or as they
are (idScheme=CODE). AUTO, our default, takes a mapped uid first, then a code."""

from ktxh.exchange.models import Dhis2Mapping

Kind = Dhis2Mapping.Kind


class Codes:
    def __init__(self):
        self._to_code: dict[str, dict[str, str]] = {k: {} for k in Kind.values}
        self._to_uid: dict[str, dict[str, str]] = {k: {} for k in Kind.values}
        for kind, uid, code in Dhis2Mapping.objects.values_list("kind", "uid", "code"):
            self._to_code[kind][uid] = code
            self._to_uid[kind][code] = uid

    def code(self, kind: str, ident: str, scheme: str) -> str | None:
        """Our code for a DHIS2 identifier, or None when the scheme cannot read it."""
        ident = str(ident or "").strip()
        if not ident:
            return None
        if scheme == "CODE":
            return ident
        mapped = self._to_code[kind].get(ident)
        if scheme == "UID":
            return mapped
        return mapped or ident

    def ident(self, kind: str, code: str, scheme: str) -> str:
        """A DHIS2 identifier for our code (UID/AUTO: the mapped uid when there is one)."""
        if scheme == "CODE":
            return code
        return self._to_uid[kind].get(code, code)
