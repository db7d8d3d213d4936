"""Keep cached analyses current whatever saves the graph: services, admin forms, commands.

Thin on purpose: each receiver says what changed; provenance.services.analysis_cache decides
what that invalidates.
"""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from provenance.models import Assertion, Citation, Claim, Document, Source
from provenance.services import analysis_cache
from provenance.services.claim_vectors import claim_vectors_schedule


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


@receiver(post_save, sender=Claim, dispatch_uid="provenance.claim_saved")
def claim_saved(sender, instance: Claim, created: bool, raw=False, **kwargs):
    # A new wording needs its matching vector; the computation skips claims whose vector is
    # current, so saves that leave the wording alone cost nothing after commit.
    if not raw:
        claim_vectors_schedule(claim_ids=[instance.pk])
