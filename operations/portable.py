"""
The database's content in Django's fixture format with natural keys, as `dumpdata --natural-foreign
--natural-primary` writes it and `loaddata` reads it, so a backup loads into any freshly migrated
database of either engine, and older backups still load. Written and read in bulk: one query per table
and relation, not per row, and one INSERT per thousand rows.
"""

import json
from collections import defaultdict
from itertools import islice

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.management.utils import parse_apps_and_model_labels
from django.core.serializers import base, python
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connection, router
from django.utils.encoding import is_protected_type

CHUNK = 1000


def batched(items, size):
    """itertools.batched, which Python 3.12 brings."""
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch


def models_to_dump(exclude):
    """What dumpdata dumps, in its order: a model with natural keys before the models that name it by them."""
    excluded_models, excluded_apps = parse_apps_and_model_labels(exclude)
    app_list = {c: None for c in apps.get_app_configs() if c.models_module is not None and c not in excluded_apps}
    return [
        model
        for model in serializers.sort_dependencies(app_list.items(), allow_cycles=True)
        if model not in excluded_models
        and not model._meta.proxy
        and router.allow_migrate_model(DEFAULT_DB_ALIAS, model)
    ]


class Serializer(python.Serializer):
    """Django's, reading the natural keys a table's rows name, and its many-to-many rows, once per table."""

    def __init__(self):
        super().__init__()
        self.keys = {}  # (model, field's attname) -> {value: natural key}
        self.links = {}  # many-to-many field -> {row's pk: [other side's pks]}

    def natural_keys(self, model, attname):
        if (model, attname) not in self.keys:
            rows = model._base_manager.select_related().iterator(chunk_size=CHUNK)
            self.keys[model, attname] = {getattr(row, attname): row.natural_key() for row in rows}
        return self.keys[model, attname]

    def names_by_natural_key(self, field):
        return self.use_natural_foreign_keys and hasattr(field.related_model, "natural_key")

    def handle_fk_field(self, obj, field):
        value = getattr(obj, field.attname)
        if value is not None and self.names_by_natural_key(field):
            self._current[field.name] = self.natural_keys(field.related_model, field.target_field.attname)[value]
        else:
            super().handle_fk_field(obj, field)  # the value itself: no query

    def handle_m2m_field(self, obj, field):
        through = field.remote_field.through
        if not through._meta.auto_created:
            return  # saved as the through model's own rows, as Django does
        if field not in self.links:
            source = through._meta.get_field(field.m2m_field_name()).attname
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname
            self.links[field] = defaultdict(list)
            for row, other in through._base_manager.order_by("pk").values_list(source, target).iterator(CHUNK):
                self.links[field][row].append(other)
        others = self.links[field].get(obj.pk, [])
        if self.names_by_natural_key(field):
            keys = self.natural_keys(field.related_model, field.related_model._meta.pk.attname)
            self._current[field.name] = [keys[other] for other in others]
        else:
            self._current[field.name] = [other if is_protected_type(other) else str(other) for other in others]


def dump(out, exclude):
    """Write every row of every model not in `exclude` to the text stream `out`, as one JSON list.
    Returns how many rows each model had ({"submissions.practice": 3, ...})."""
    counts, serializer, separator = {}, Serializer(), ""
    out.write("[")
    for model in models_to_dump(exclude):
        rows = model._default_manager.order_by(model._meta.pk.name).iterator(chunk_size=CHUNK)
        counts[model._meta.label_lower] = 0
        for chunk in batched(rows, CHUNK):
            objects = serializer.serialize(chunk, use_natural_foreign_keys=True, use_natural_primary_keys=True)
            out.write(separator + ",".join(json.dumps(o, cls=DjangoJSONEncoder, ensure_ascii=False) for o in objects))
            counts[model._meta.label_lower] += len(objects)
            separator = ","
        serializer.links.clear()
    out.write("]")
    return counts


class Deserializer(python.Deserializer):
    """Django's, looking each natural key up once, not once for every row that names it."""

    def __init__(self, objects):
        super().__init__(objects, handle_forward_references=True)
        self.found = {}

    def _handle_fk_field_node(self, field, value):
        if not isinstance(value, list):
            return super()._handle_fk_field_node(field, value)  # a primary key: no query
        key = (field.related_model, field.remote_field.field_name, json.dumps(value))
        if key not in self.found:
            found = super()._handle_fk_field_node(field, value)
            if found == base.DEFER_FIELD:
                return found
            self.found[key] = found
        return self.found[key]

    def _handle_m2m_field_node(self, field, values):
        resolved = []
        for value in values:
            key = (field.related_model, json.dumps(value))
            if key not in self.found:
                found = super()._handle_m2m_field_node(field, [value])
                if found == base.DEFER_FIELD:
                    return found
                self.found[key] = found[0]
            resolved.append(self.found[key])
        return resolved


class Loader:
    """Rows of a table that was empty are inserted a thousand at a time, without signals (a restore is no
    one's change); a row found by its natural key, or of a table the migrations filled, is saved as loaddata
    saves it (updated if it is there)."""

    def __init__(self):
        self.waiting = defaultdict(list)  # model -> instances to insert
        self.links = defaultdict(list)  # through model -> rows to insert
        self.empty = {}  # model -> whether its table was empty before the load
        self.deferred = []

    def add(self, item):
        model = type(item.object)
        if model not in self.empty:
            self.empty[model] = not model._base_manager.exists()
        in_bulk = self.empty[model] and not hasattr(model, "natural_key") and not model._meta.parents
        if not in_bulk or item.deferred_fields or item.object.pk is None:
            item.save()
            if item.deferred_fields:
                self.deferred.append(item)
            return
        self.waiting[model].append(item.object)
        for name, others in item.m2m_data.items():
            field = model._meta.get_field(name)
            through = field.remote_field.through
            source = through._meta.get_field(field.m2m_field_name()).attname
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname
            self.links[through] += [through(**{source: item.object.pk, target: other}) for other in others]
        if len(self.waiting[model]) >= CHUNK:
            self.insert(model)

    def insert(self, model):
        """As Model.save_base(raw=True) writes a row (auto_now fields keep their backed-up values), many at once."""
        fields = model._meta.local_concrete_fields
        rows, self.waiting[model] = self.waiting[model], []
        for batch in batched(rows, max(1, connection.ops.bulk_batch_size(fields, rows))):
            model._base_manager._insert(batch, fields=fields, raw=True, using=DEFAULT_DB_ALIAS)

    def finish(self):
        for model in list(self.waiting):
            self.insert(model)
        for through, rows in self.links.items():
            through._base_manager.bulk_create(rows, batch_size=CHUNK)
        for item in self.deferred:
            item.save_deferred_fields()
        return set(self.empty) | set(self.links)


def load(objects):
    """Save fixture objects (dicts, as dump wrote them) into the database, as loaddata would. Call it inside a
    transaction: the rows' relations are checked once all are in, and a broken one raises IntegrityError."""
    loader = Loader()
    with connection.constraint_checks_disabled():
        for item in Deserializer(objects):
            loader.add(item)
        models = loader.finish()
    connection.check_constraints(table_names=[model._meta.db_table for model in models])
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    return models
