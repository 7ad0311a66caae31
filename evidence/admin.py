"""The admin for the disparity data's reference tables: publishers' labels for ethnic groups, measures
and their stages; and the datasets loaded (their provenance can be corrected, their rows cannot)."""

from django.contrib import admin
from django.db import models, transaction

from evidence import protection
from evidence.models import Citation, Dataset, EthnicGroup, EthnicGroupLabel, Measure, Stage
from inputs.formsets import BoundedInlineFormSet
from inputs.text_fields import TextModelForm
from submissions.admin import ReadOnlyMixin


@admin.register(EthnicGroupLabel)
class EthnicGroupLabelAdmin(admin.ModelAdmin):
    form = TextModelForm
    list_display = ["label", "publisher", "group", "added_by", "added_at"]
    list_filter = ["publisher", "group__level"]
    search_fields = ["label", "group__name", "group__short_name"]
    autocomplete_fields = ["group"]
    readonly_fields = ["added_by", "added_at"]  # an analyst's choice while loading: who made it and when


@admin.register(EthnicGroup)
class EthnicGroupAdmin(admin.ModelAdmin):
    """The 19 + 5 Census 2021 groups: their names may be edited, the set is fixed by the Census."""

    form = TextModelForm

    list_display = ["short_name", "name", "level", "parent", "split"]
    list_filter = ["level"]
    search_fields = ["name", "short_name", "code"]
    readonly_fields = ["code", "level", "parent", "split", "combined"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StageInline(admin.TabularInline):
    form = TextModelForm
    formset = BoundedInlineFormSet
    model = Stage
    extra = 0
    max_num = 20


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    form = TextModelForm
    list_display = ["name", "kind", "theme", "position"]
    list_filter = ["kind", "theme"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StageInline]


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    form = TextModelForm
    list_display = ["title", "publisher", "source", "release_date", "loaded_at", "row_count", "is_illustrative"]
    list_filter = ["source", "is_illustrative"]
    search_fields = ["title", "publisher"]
    readonly_fields = ["source", "file_name", "loaded_by", "loaded_at", "row_count", "rates_of", "denominator_column"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as the load form's own link field

    def has_add_permission(self, request):
        return False  # datasets are loaded through the load page or `manage.py load_dataset`

    # Marked illustrative or not: its measures' tables are built again (their cells know it), as after a deletion.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "is_illustrative" in form.changed_data:
            transaction.on_commit(protection.build_all)

    # A deleted dataset's figures leave the pages once the deletion is committed, not when the job next runs.
    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(protection.build_all)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        transaction.on_commit(protection.build_all)


@admin.register(Citation)
class CitationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Practice entries citing measures: listed here; added and removed on the measure and entry pages, where the
    entry's history records it."""

    list_display = ["practice", "measure", "area_name", "period", "added_by", "added_at"]
    list_filter = ["measure"]
    list_select_related = ["practice", "measure", "added_by"]
    search_fields = ["practice__title", "measure__name", "area_name"]
