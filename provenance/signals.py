"""Keep cached analyses current whatever saves the graph: services, admin forms, commands.

Thin on purpose: each receiver says what changed; provenance.services.analysis_cache decides
what that invalidates.
"""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from provenance.models import Assertion, Citation, Document, Source
from provenance.services import analysis_cache


@receiver(post_save, sender=Assertion, dispatch_uid="provenance.assertion_saved")
def assertion_saved(sender, instance: Assertion, created: bool, raw=False, **kwargs):
    if raw:
        return
    if created:
        analysis_cache.graph_changed(claim_ids=[instance.claim_id])
    else:
        analysis_cache.graph_changed(assertions=Assertion.objects.filter(pk=instance.pk))


@receiver(pre_delete, sender=Assertion, dispatch_uid="provenance.assertion_deleted")
def assertion_deleted(sender, instance: Assertion, **kwargs):
    # Before the delete: afterwards its citations are gone and nothing leads downstream.
    analysis_cache.graph_changed(assertions=Assertion.objects.filter(pk=instance.pk))


@receiver(post_save, sender=Citation, dispatch_uid="provenance.citation_saved")
@receiver(pre_delete, sender=Citation, dispatch_uid="provenance.citation_deleted")
def citation_changed(sender, instance: Citation, raw=False, **kwargs):
    if raw:
        return
    analysis_cache.graph_changed(assertions=Assertion.objects.filter(pk=instance.citing_id))


@receiver(post_save, sender=Source, dispatch_uid="provenance.source_saved")
def source_saved(sender, instance: Source, created: bool, raw=False, **kwargs):
    if not raw and not created:
        analysis_cache.source_changed(instance)


@receiver(post_save, sender=Document, dispatch_uid="provenance.document_saved")
def document_saved(sender, instance: Document, created: bool, raw=False, **kwargs):
    if not raw and not created:
        analysis_cache.document_changed(instance)
