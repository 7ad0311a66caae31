"""Each dataset loaded before this records what its rates are of, as the pages then chose for most views: the file's
own denominators where it gave one on every row, else the population. Illustrative figures of a measure that also
has real ones go, as a load now removes them (docs/decisions/0011). A migration of its own: PostgreSQL will not alter
a table with the data changes of the same transaction pending."""

from django.db import migrations
from django.db.models import Count, Q


def record(apps, schema_editor):
    Dataset = apps.get_model("evidence", "Dataset")
    Observation = apps.get_model("evidence", "Observation")
    counted = Dataset.objects.annotate(
        rows=Count("observations"), without=Count("observations", filter=Q(observations__denominator=None))
    )
    for dataset in counted:
        dataset.rates_of = "file" if dataset.rows and not dataset.without else "population"
        dataset.save(update_fields=["rates_of"])
    Measure, Stage = apps.get_model("evidence", "Measure"), apps.get_model("evidence", "Stage")
    real = Measure.objects.filter(datasets__is_illustrative=False).values_list("pk", flat=True)
    stages = list(Stage.objects.filter(measure__in=list(real)).values_list("pk", flat=True))
    illustrative = list(Dataset.objects.filter(is_illustrative=True).values_list("pk", flat=True))
    gone = Observation.objects.filter(dataset_id__in=illustrative, stage_id__in=stages)  # ids only: see overlaps
    touched = set(gone.values_list("dataset_id", flat=True).distinct())
    gone.delete()
    for dataset in Dataset.objects.filter(pk__in=touched):
        dataset.row_count = Observation.objects.filter(dataset=dataset).count()
        dataset.save(update_fields=["row_count"])
        dataset.measures.set(Measure.objects.filter(stages__observations__dataset=dataset).distinct())


class Migration(migrations.Migration):
    dependencies = [("evidence", "0010_dataset_rates_of")]

    operations = [migrations.RunPython(record, migrations.RunPython.noop)]
