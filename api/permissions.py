"""Reading is open to everyone; writing needs a login and the model permission for the action."""

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly


class ModelPermissions(DjangoModelPermissionsOrAnonReadOnly):
    """Django model permissions, with extra verbs mapped to the permission they need.

    A view lists `action_permissions = {"retract": "change"}`: a POST to the `retract` action
    then needs `change_<model>` rather than `add_<model>`.
    """

    def has_permission(self, request, view):
        if request.method not in view.allowed_methods:
            # Let the view answer 405: the method does not exist here, whoever asks.
            return True
        if request.method in SAFE_METHODS:
            # Reading needs no permission, so no queryset to find the model (on every read).
            return True
        action = getattr(view, "action", None)
        verb = getattr(view, "action_permissions", {}).get(action)
        if verb:
            if not (request.user and request.user.is_authenticated):
                return False
            model = view.get_queryset().model
            codename = f"{model._meta.app_label}.{verb}_{model._meta.model_name}"
            return request.user.has_perm(codename)
        return super().has_permission(request, view)


class ReviewPermissions(ModelPermissions):
    """Recording a verdict needs the reviewer's permission, or the editor's permission to send
    a claim to review; which verdicts each may give is the service's rule."""

    def has_permission(self, request, view):
        if request.method == "POST" and request.user and request.user.is_authenticated:
            return request.user.has_perm("provenance.add_review") or request.user.has_perm(
                "provenance.flag_for_review"
            )
        return super().has_permission(request, view)
