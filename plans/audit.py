"""Coordinator and director roles are roles: giving or taking one goes in the account audit, as groups do."""

from django.db.models.signals import post_delete, post_save

from accounts import audit


def role_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        audit.record(
            f"{instance.user} made {instance.get_role_display()} for {instance.sub_region}", user=instance.user
        )


def role_deleted(sender, instance, **kwargs):
    audit.record(f"{instance.user} no longer {instance.get_role_display()} for {instance.sub_region}")


def connect():
    from plans.models import SubRegionRole

    post_save.connect(role_saved, sender=SubRegionRole, dispatch_uid="audit-sub-region-role-saved")
    post_delete.connect(role_deleted, sender=SubRegionRole, dispatch_uid="audit-sub-region-role-deleted")
