"""For migrations: run SQL statements on PostgreSQL only (SQLite has its own way, or needs nothing)."""


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run
