"""What a new cycle document starts with (report_save calls it once, at creation)."""

from ktxh.orgunits.models import OrgUnit
from ktxh.reports.cycle import common, party, plan, resolution


def signer_defaults(unit: OrgUnit, kind: str) -> dict:
    """The signer a new cycle document starts with: a party report signs for its committee
    (36-HD/VPTW); a plan and a submission for the People's Committee."""
    if kind == "party":
        return {"signer_authority": common.party_body(unit)["authority"], "signer_title": "BÍ THƯ",
                "recipients": party.party_recipients(unit, common.party_body(unit))}
    recipients = plan.plan_recipients(unit) if kind == "plan" else resolution.submission_recipients(unit)
    return {"signer_authority": common.UBND_AUTHORITY, "signer_title": common.UBND_TITLE, "recipients": recipients}
