"""Reference data in the admin: admins keep the lists of sub-regions, authorities, categories and themes."""

from django.contrib import admin

from inputs.text_fields import TextModelForm
from reference.models import LocalAuthority, SharingCategory, SubRegion, Theme


@admin.register(SubRegion)
class SubRegionAdmin(admin.ModelAdmin):
    form = TextModelForm
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    form = TextModelForm
    list_display = ["name", "gss_code", "sub_region"]
    list_filter = ["sub_region"]
    search_fields = ["name", "short_name", "gss_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SharingCategory)
class SharingCategoryAdmin(admin.ModelAdmin):
    form = TextModelForm
    list_display = ["name", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    form = TextModelForm
    list_display = ["name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
