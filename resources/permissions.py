from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry


def may_open_any_document(user, document):
    """An editor who may change or choose this document (in its collection):
    the gate lets them through, and their downloads are not counted."""
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(user, ["change", "choose"], document)
