"""Writes on criteria tables and score sheets. Atomic, audited, and refusing any score its
rule does not allow."""

from scoring.services.sheets import (
    is_leader,
    item_attachment_add,
    item_score_set,
    scores_import,
    set_score_sheet_state,
    sheet_appraisal_record,
    sheet_open,
)
from scoring.services.tables import (
    criteria_table_import,
    criteria_table_new_version,
    criteria_table_update,
    set_criteria_table_state,
)

__all__ = [
    "criteria_table_import",
    "criteria_table_new_version",
    "criteria_table_update",
    "is_leader",
    "item_attachment_add",
    "item_score_set",
    "scores_import",
    "set_criteria_table_state",
    "set_score_sheet_state",
    "sheet_appraisal_record",
    "sheet_open",
]
