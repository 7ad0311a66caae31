"""The OpenAPI description of the evidence endpoints, added to the portal's (publishing.api_schema.EXTENSIONS)."""

from evidence.figures import STATUS

NULLABLE_STRING = {"type": "string", "nullable": True}
NULLABLE_NUMBER = {"type": "number", "nullable": True}
ERROR = {"$ref": "#/components/schemas/Error"}


def ok(description, ref):
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


def listed(item):
    return {"type": "object", "required": ["results"], "properties": {"results": {"type": "array", "items": item}}}


DATASET = {
    "type": "object",
    "required": [
        "id",
        "title",
        "source",
        "publisher",
        "url",
        "licence",
        "release_date",
        "loaded_at",
        "illustrative",
        "rows",
    ],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "source": {"type": "string", "enum": ["dfe", "yjb", "census", "long", "demo"]},
        "publisher": {"type": "string"},
        "url": {"type": "string"},
        "licence": {"type": "string"},
        "release_date": {"type": "string", "format": "date", "nullable": True},
        "loaded_at": {"type": "string", "format": "date-time"},
        "illustrative": {"type": "boolean", "description": "Illustrative data, not official statistics"},
        "rows": {"type": "integer"},
    },
}
MEASURE = {
    "type": "object",
    "required": ["slug", "name", "kind", "theme", "stages", "url"],
    "properties": {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "kind": {"type": "string", "enum": ["population", "outcome", "workforce"]},
        "theme": NULLABLE_STRING,
        "stages": {
            "type": "array",
            "items": {"type": "object", "properties": {"slug": {"type": "string"}, "name": {"type": "string"}}},
        },
        "url": {"type": "string", "format": "uri"},
    },
}
FIGURE = {
    "type": "object",
    "description": "One group at one stage. Small numbers are never given: count is null and count_note says why.",
    "properties": {
        "stage": {"type": "string"},
        "ethnic_group": {"type": "string"},
        "ethnic_group_level": {"type": "string", "enum": ["detailed", "high", "total"]},
        "count": {"type": "integer", "nullable": True},
        "count_note": {
            "type": "string",
            "nullable": True,
            "enum": [*STATUS.values(), None],
            "description": (
                "Why there is no count: 'hidden to protect small numbers' (from 1 to the threshold less 1, or a "
                "count hidden so that such a one cannot be worked back from the sums shown: one label for both, as "
                "telling them apart would say a hidden count is not small); 'not available: a part is missing' (a "
                "total or group added up from parts, one of which the data does not give); 'no data'; or the "
                "publisher's own symbol, e.g. 'suppressed (publisher's symbol ‘c’)'."
            ),
        },
        "published_note": {
            "type": "string",
            "nullable": True,
            "description": (
                "Where the figure is London's own as its publisher published it (a DfE or YJB file's row for the "
                "region), not its boroughs' sum: 'as published by the DfE', and, where every borough's figure is "
                "loaded and they add up to another number, what they add up to. Null otherwise."
            ),
        },
        "denominator": {"type": "integer", "nullable": True},
        "denominator_source": {
            "type": "string",
            "nullable": True,
            "description": (
                "What its rate is of, as its dataset was loaded: 'data file' (the row's own denominator) or "
                "'population: …' (the group's population loaded, of the same kind: real or illustrative). A group "
                "is compared only with one whose rate is of the same kind; null where there is no denominator."
            ),
        },
        "rate_per_1000": NULLABLE_NUMBER,
        "rate_low_95": {
            **NULLABLE_NUMBER,
            "description": "The rate's 95% interval: by the log method, or exact (Clopper-Pearson) below 10 counted",
        },
        "rate_high_95": NULLABLE_NUMBER,
        "rate_index": {
            **NULLABLE_NUMBER,
            "description": (
                "The group's rate over the comparison group's: 0 where the group's count is 0; null where there is "
                "none, or where the comparison group's count is 0 (infinite: index_low_95 is then its least value)"
            ),
        },
        "index_low_95": NULLABLE_NUMBER,
        "index_high_95": {**NULLABLE_NUMBER, "description": "null where the interval has no upper bound"},
        "index_interval_method": {
            "type": "string",
            "nullable": True,
            "enum": ["log", "exact", None],
            "description": (
                "How the index's 95% interval was worked out: 'log' (Katz), or 'exact' where either count is below "
                "10 (Clopper-Pearson's interval of the group's share of the two counts, conditional on their sum); "
                "the reading then names the small count"
            ),
        },
        "index_from_stage_before": NULLABLE_NUMBER,
        "reading": {"type": "string", "nullable": True},
        "illustrative": {"type": "boolean", "description": "The figure is illustrative (the demo's), not loaded data"},
    },
}
FIGURES = {
    "type": "object",
    "required": ["measure", "area", "period", "level", "comparison_group", "illustrative", "datasets", "figures"],
    "properties": {
        "measure": {"type": "string"},
        "area": {"type": "string"},
        "period": NULLABLE_STRING,
        "level": {"type": "string", "enum": ["detailed", "high"]},
        "comparison_group": {"type": "string"},
        "illustrative": {"type": "boolean"},
        "datasets": {"type": "array", "items": {"$ref": "#/components/schemas/EvidenceDataset"}},
        "figures": {"type": "array", "items": {"$ref": "#/components/schemas/EvidenceFigure"}},
    },
}


def parameter(name, description):
    return {"name": name, "in": "query", "required": False, "description": description, "schema": {"type": "string"}}


CHOICES = [
    parameter("area", "london (default), england, a sub-region's or a local authority's slug"),
    parameter(
        "period",
        "The period as published (2022/23) or its first year (2022); one with figures for the area (else 400); "
        "the area's latest by default",
    ),
    parameter("level", "detailed (19 Census 2021 groups, default) or high (5 groups)"),
    parameter(
        "comparison",
        "The comparison group's code, of the level chosen (with detailed, also gypsy-roma-irish-traveller, the group "
        "the DfE's and the Census's splits add up to); white-british (detailed) or white (high) by default. A group "
        "without a rate in the view gives no rate_index to any group",
    ),
]
UNAUTHORISED = {"description": "The API key is not valid", "content": {"application/json": {"schema": ERROR}}}

PATHS = {
    "/evidence/": {
        "get": {
            "operationId": "getEvidenceIndex",
            "summary": "The measures, the areas and periods they may be asked for, and links to the other endpoints",
            "responses": {"200": ok("The index", "#/components/schemas/EvidenceIndex"), "401": UNAUTHORISED},
        }
    },
    "/evidence/datasets/": {
        "get": {
            "operationId": "listEvidenceDatasets",
            "summary": "Disparity datasets loaded, with their provenance",
            "responses": {"200": ok("Datasets", "#/components/schemas/EvidenceDatasetList"), "401": UNAUTHORISED},
        }
    },
    "/evidence/measures/": {
        "get": {
            "operationId": "listEvidenceMeasures",
            "summary": "Measures and their stages",
            "responses": {"200": ok("Measures", "#/components/schemas/EvidenceMeasureList"), "401": UNAUTHORISED},
        }
    },
    "/evidence/measures/{slug}/": {
        "get": {
            "operationId": "getEvidenceMeasure",
            "summary": "A measure's figures by ethnic group for an area and period: rates, rate indices, intervals",
            "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}, *CHOICES],
            "responses": {
                "200": ok("The figures", "#/components/schemas/EvidenceFigures"),
                "401": UNAUTHORISED,
                "404": ok("There is no measure with this slug", "#/components/schemas/Error"),
            },
        }
    },
}
NAMED = {"slug": {"type": "string"}, "name": {"type": "string"}}
INDEX = {
    "type": "object",
    "required": ["measures", "areas", "periods", "links"],
    "properties": {
        "measures": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    **NAMED,
                    "kind": {"type": "string"},
                    "url": {"type": "string", "format": "uri"},
                },
            },
        },
        "areas": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    **NAMED,
                    "type": {"type": "string", "enum": ["london", "england", "sub-region", "local authority"]},
                },
            },
        },
        "periods": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"year": {"type": "integer"}, "label": {"type": "string", "example": "2022/23"}},
            },
        },
        "links": {"type": "object", "additionalProperties": {"type": "string", "format": "uri"}},
    },
}
SCHEMAS = {
    "EvidenceIndex": INDEX,
    "EvidenceDataset": DATASET,
    "EvidenceDatasetList": listed({"$ref": "#/components/schemas/EvidenceDataset"}),
    "EvidenceMeasureList": listed(MEASURE),
    "EvidenceFigure": FIGURE,
    "EvidenceFigures": FIGURES,
}
