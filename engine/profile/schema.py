"""JSON Schema of the municipality profile (the contract in shared/spec/CONTRACT.md).

jsonschema does the checking (types, enumerations, unknown keys, ranges) so the
rules of the contract are written once, here, as data; engine/profile/loader.py turns
its errors into messages that name the line and field.

Every number has a range (engine/inputs/limits.py says why the rule engines need
one): a value outside it is a typo or an attack, and is refused with its line.
Text and lists have lengths, so a 1 MB profile is answered in well under a second.
"""

DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
# Yen: 10兆円 is far beyond any municipality's whole budget (the largest are about 2兆円).
YEN = {"type": "integer", "minimum": 0, "maximum": 10 ** 13}
# People: Yokohama, the largest municipality, has 3.8 million; 20 million leaves room.
POPULATION = {"type": "integer", "minimum": 0, "maximum": 20_000_000}
# 財政力指数: published with two decimals; the highest municipalities are just above 2.
FISCAL_INDEX = {"type": "number", "minimum": 0, "maximum": 10}
STAFF = {"type": "integer", "minimum": 0, "maximum": 100_000}
TEXT = {"type": "string", "maxLength": 2_000}
NULLABLE_TEXT = {"type": ["string", "null"], "maxLength": 2_000}
MAX_SYSTEMS = 200      # 標準化対象 are 20 business areas; an inventory of 200 systems is generous
MAX_NEIGHBOURS = 100   # no municipality borders more than ~20

SYSTEM = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "area": {"type": "string", "minLength": 1, "maxLength": 2_000},
        "form": {"enum": ["package", "custom", "mainframe"]},
        "customization": {"enum": ["none", "minor", "heavy"]},
        "vendor": TEXT,
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
        "vendor": TEXT,
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
                "population": POPULATION,
                "fiscal_strength_index": FISCAL_INDEX,
                "note": TEXT,
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
        "systems": {"type": "array", "items": SYSTEM, "maxItems": MAX_SYSTEMS},
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
                "it_staff": STAFF,
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
        "neighbours": {"type": "array", "items": NEIGHBOUR, "maxItems": MAX_NEIGHBOURS},
        "visit": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "date": DATE,
                "audience": TEXT,
                "advisor": TEXT,
            },
        },
    },
}
