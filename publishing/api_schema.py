"""The JSON API's OpenAPI 3.0 description: the contract tests/publishing/test_api.py checks the API against."""

from inputs.numbers import LARGEST_ID, LARGEST_PAGE

NAMED = {
    "type": "object",
    "required": ["slug", "name"],
    "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
}
PRACTICE = {
    "type": "object",
    "required": [
        "id",
        "title",
        "url",
        "local_authority",
        "sub_region",
        "themes",
        "categories",
        "summary",
        "description",
        "impact",
        "published_at",
        "resources",
        "contacts",
    ],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "url": {"type": "string", "format": "uri", "description": "The entry's page on the portal."},
        "local_authority": {
            "allOf": [{"$ref": "#/components/schemas/Named"}],
            "properties": {"gss_code": {"type": "string", "description": "ONS GSS code, such as E09000026."}},
        },
        "sub_region": {"$ref": "#/components/schemas/Named"},
        "themes": {"type": "array", "items": {"$ref": "#/components/schemas/Named"}},
        "categories": {
            "type": "array",
            "description": "Who the practice is shared with.",
            "items": {"$ref": "#/components/schemas/Named"},
        },
        "summary": {"type": "string"},
        "description": {"type": "string", "description": "Plain text with Markdown-style paragraphs and bullets."},
        "impact": {"type": "string"},
        "published_at": {"type": "string", "format": "date-time", "nullable": True},
        "resources": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["title", "url", "kind"],
                "properties": {
                    "title": {"type": "string"},
                    "url": {
                        "type": "string",
                        "nullable": True,
                        "description": "Null while the resource is named only.",
                    },
                    "kind": {
                        "type": "string",
                        "enum": ["file", "link", "named"],
                        "description": "named: named in the return, with no link or file yet.",
                    },
                },
            },
        },
        "contacts": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "role"],
                "properties": {
                    "name": {"type": "string"},
                    "role": {"type": "string"},
                    "email": {"type": "string", "description": "Only with an API key."},
                    "phone": {"type": "string", "description": "Only with an API key."},
                },
            },
        },
    },
}
PAGE = {
    "type": "object",
    "required": ["count", "page", "pages", "page_size", "next", "previous", "suggestion", "results"],
    "properties": {
        "count": {"type": "integer", "minimum": 0},
        "page": {"type": "integer", "minimum": 1},
        "pages": {"type": "integer", "minimum": 1},
        "page_size": {"type": "integer", "minimum": 1, "maximum": 100},
        "next": {"type": "string", "nullable": True},
        "previous": {"type": "string", "nullable": True},
        "suggestion": {"type": "string", "nullable": True, "description": "A corrected search, when few match."},
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/Practice"}},
    },
}
ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}


def reference_list(extra=None):
    return {
        "type": "object",
        "required": ["results"],
        "properties": {
            "results": {
                "type": "array",
                "items": {
                    "allOf": [{"$ref": "#/components/schemas/Named"}],
                    "required": ["published_count", "practice"],
                    "properties": {
                        "published_count": {"type": "integer", "minimum": 0},
                        "practice": {"type": "string", "description": "The API list of its published practice."},
                        **(extra or {}),
                    },
                },
            }
        },
    }


def query(name, description, schema=None, repeat=False):
    schema = schema or {"type": "string"}
    parameter = {"name": name, "in": "query", "required": False, "description": description}
    if repeat:
        parameter |= {"schema": {"type": "array", "items": schema}, "style": "form", "explode": True}
    else:
        parameter["schema"] = schema
    return parameter


FILTERS = [
    query("q", 'Search text, web-search syntax: words, "a phrase", OR, -excluded.'),
    query("sub_region", "Sub-region slug; repeat for several.", repeat=True),
    query("local_authority", "Local authority slug; repeat for several.", repeat=True),
    query("theme", "Theme slug; repeat for several (any of them).", repeat=True),
    query("category", "Sharing category slug; repeat for several.", repeat=True),
    query(
        "year",
        "Year published; repeat for several.",
        {"type": "integer", "minimum": 1000, "maximum": 9999},
        repeat=True,
    ),
    query(
        "call",
        "Id of a call for practice: its returns only.",
        {"type": "integer", "minimum": 1, "maximum": LARGEST_ID},
        repeat=True,
    ),
    query("sort", "Order of the results.", {"type": "string", "enum": ["relevance", "newest", "title"]}),
    query("page", "Page number, from 1.", {"type": "integer", "minimum": 1, "maximum": LARGEST_PAGE}),
    query("page_size", "Entries a page, 1 to 100 (default 20).", {"type": "integer", "minimum": 1, "maximum": 100}),
]
UNAUTHORISED = {
    "description": "The API key is not valid, or this portal needs one.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def json_response(description, ref):
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


# Other apps describe their own endpoints: (paths, schemas) pairs added in their AppConfig.ready().
EXTENSIONS = []


def openapi(server_url):
    description = {
        "openapi": "3.0.3",
        "info": {
            "title": "Sharing Practice API",
            "version": "1.0",
            "description": "Published anti-racist practice from London's local authorities, read-only. "
            "The same search and filters as the portal's browse page. Contacts' emails and phones are "
            "included only with an API key (ask the portal's admins), sent as ‘Authorization: Bearer <key>’.",
        },
        "servers": [{"url": server_url}],
        "security": [{}, {"apiKey": []}],
        "paths": {
            "/practice/": {
                "get": {
                    "operationId": "listPractice",
                    "summary": "Published practice, searched and filtered, a page at a time",
                    "parameters": FILTERS,
                    "responses": {
                        "200": json_response("A page of entries", "#/components/schemas/PracticePage"),
                        "400": json_response("A parameter is not valid", "#/components/schemas/Error"),
                        "401": UNAUTHORISED,
                        "503": json_response("The search took too long: try fewer words", "#/components/schemas/Error"),
                    },
                }
            },
            "/practice/{id}/": {
                "get": {
                    "operationId": "getPractice",
                    "summary": "One published entry",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                    "responses": {
                        "200": json_response("The entry", "#/components/schemas/Practice"),
                        "401": UNAUTHORISED,
                        "404": json_response("No published entry has this id", "#/components/schemas/Error"),
                    },
                }
            },
            "/themes/": {
                "get": {
                    "operationId": "listThemes",
                    "summary": "Themes, with how many published entries each has",
                    "responses": {
                        "200": json_response("Themes", "#/components/schemas/ThemeList"),
                        "401": UNAUTHORISED,
                    },
                }
            },
            "/local-authorities/": {
                "get": {
                    "operationId": "listLocalAuthorities",
                    "summary": "The 33 London local authorities, with how many published entries each has",
                    "responses": {
                        "200": json_response("Local authorities", "#/components/schemas/LocalAuthorityList"),
                        "401": UNAUTHORISED,
                    },
                }
            },
            "/sub-regions/": {
                "get": {
                    "operationId": "listSubRegions",
                    "summary": "Sub-regions, with how many published entries each has",
                    "responses": {
                        "200": json_response("Sub-regions", "#/components/schemas/ReferenceList"),
                        "401": UNAUTHORISED,
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Named": NAMED,
                "Practice": PRACTICE,
                "PracticePage": PAGE,
                "Error": ERROR,
                "ReferenceList": reference_list(),
                "ThemeList": reference_list({"is_active": {"type": "boolean"}}),
                "LocalAuthorityList": reference_list(
                    {"gss_code": {"type": "string"}, "sub_region": {"type": "string"}}
                ),
            },
        },
    }
    for paths, schemas in EXTENSIONS:
        description["paths"].update(paths)
        description["components"]["schemas"].update(schemas)
    return description
