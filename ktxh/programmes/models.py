"""The models of the three programme modules, gathered for Django."""

from ktxh.programmes.capital.models import CapitalLine, Disbursement, Programme, Project
from ktxh.programmes.ntm.models import (
    CommuneCriterion,
    CriteriaSet,
    Criterion,
    Recognition,
    Statement,
    VillageAssessment,
)
from ktxh.programmes.tasks.models import CommuneDuty, Task, TaskAgency, TaskPlan, TaskUpdate

__all__ = [
    "CapitalLine", "CommuneCriterion", "CommuneDuty", "CriteriaSet", "Criterion", "Disbursement", "Programme",
    "Project", "Recognition", "Statement", "Task", "TaskAgency", "TaskPlan", "TaskUpdate", "VillageAssessment",
]
