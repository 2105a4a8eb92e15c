"""JSON Schema of the municipality profile (the contract in shared/spec/CONTRACT.md).

jsonschema does the checking (types, enumerations, unknown keys, minimums) so the
rules of the contract are written once, here, as data; engine/profile/loader.py turns
its errors into messages that name the line and field.
"""

DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
YEN = {"type": "integer", "minimum": 0}
NULLABLE_TEXT = {"type": ["string", "null"]}

SYSTEM = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "area": {"type": "string", "minLength": 1},
        "form": {"enum": ["package", "custom", "mainframe"]},
        "customization": {"enum": ["none", "minor", "heavy"]},
        "vendor": {"type": "string"},
        "contract_end": DATE,
        "hosting": {"enum": ["onprem", "datacenter", "cloud"]},
        "standard_layout": {"type": "boolean"},
    },
}

# What the advisor knows of a neighbour; the partner ranking uses it.
NEIGHBOUR = {
    "type": "object",
    "additionalProperties": False,
    "required": ["code"],
    "properties": {
        "code": {"type": "string", "pattern": r"^\d{5,6}$"},
        "cloud_status": {"enum": ["none", "single", "group"]},
        "group": NULLABLE_TEXT,
        "vendor": {"type": "string"},
        "contract_end": DATE,
        "interested": {"type": "boolean"},
    },
}

PROFILE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["code"],
    "properties": {
        "code": {"type": "string", "pattern": r"^\d{5,6}$"},
        "as_of": DATE,
        "overrides": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "population": {"type": "integer", "minimum": 0},
                "fiscal_strength_index": {"type": "number", "minimum": 0},
                "note": {"type": "string"},
            },
        },
        "cloud": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "status": {"enum": ["none", "single", "group"]},
                "group": NULLABLE_TEXT,
                "plan": {"enum": ["none", "drafting", "adopted"]},
                "driving_body": {"enum": ["none", "prefecture", "council", "association"]},
                # What is planned at the next contract end (the four 特別交付税 items are 導入 measures).
                "migration": {"enum": ["none", "renewal", "renewal_with_migration", "forming_group",
                                       "joining_group"]},
            },
        },
        "systems": {"type": "array", "items": SYSTEM},
        "costs": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "it_operating": YEN,
                "planning": YEN,
                "consultant": YEN,
                "data_migration": YEN,
                "training": YEN,
                "after_migration": YEN,   # projected annual operating cost after migration to 標準準拠システム
                "baseline_fy2018": YEN,   # 平成30年度 operating cost, the baseline of the 3割 target
            },
        },
        "staff": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "it_staff": {"type": "integer", "minimum": 0},
                "cloud_experience": {"type": "boolean"},
            },
        },
        "continuity": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "offsite_backup": {"type": "boolean"},
                "hazard": {"enum": ["low", "medium", "high"]},
            },
        },
        "neighbours": {"type": "array", "items": NEIGHBOUR},
        "visit": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "date": DATE,
                "audience": {"type": "string"},
                "advisor": {"type": "string"},
            },
        },
    },
}
