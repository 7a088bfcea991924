"""Admin forms take only the images and documents their user may choose.

The admin's choosers offer each user what Wagtail's permission policy lets
them choose (for a guest author: their own uploads, images.permissions), but
a crafted request can name any id: as a foreign key (a hero image, a profile
photo) or inside a StreamField (an image block). ChosenMediaFormMixin checks
each one when the form is validated, against the same policy, with a Dutch
message on the field or block. What the object already holds stays allowed,
so that nobody loses an image an editor placed; the check is for new choices.

A refused id is also taken out of the form's data, so the form shown again
does not preview (title, thumbnail) an image its user may not see.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import (
    BaseStreamBlock,
    BlockField,
    ChooserBlock,
    ListBlock,
    ListBlockValidationError,
    StreamBlockValidationError,
    StructBlock,
    StructBlockValidationError,
)
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry


def _refusals():
    return {
        get_image_model(): _(
            "You cannot use this image. Choose one of your own images, or upload it yourself."
        ),
        get_document_model(): _(
            "You cannot use this document. Choose one of the documents offered to you."
        ),
    }


def choosable(user, model, pks):
    """Of the `model` objects with these pks, the pks `user` may choose."""
    policy = policy_registry.get_by_type(model)
    allowed = policy.instances_user_has_any_permission_for(user, ["choose"])
    return set(allowed.filter(pk__in=pks).values_list("pk", flat=True))


def stored_media(instance, media_models):
    """(model, pk) of every image and document `instance` refers to now."""
    found = set()
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.related_model in media_models:
            pk = getattr(instance, field.attname)
            if pk is not None:
                found.add((field.related_model, pk))
        elif isinstance(field, StreamField):
            value = getattr(instance, field.attname)
            for model, pk, _path, _content in field.extract_references(value):
                if model in media_models:
                    found.add((model, model._meta.pk.to_python(pk)))
    return found


class ChosenMediaFormMixin:
    """For a WagtailAdminModelForm (or page form): refuse an image or document
    its user could not have chosen (see the module's docstring)."""

    def clean(self):
        cleaned_data = super().clean()
        user = getattr(self, "for_user", None)
        if user is None:  # a form built in code, not in the admin
            return cleaned_data
        refusals = _refusals()
        submitted = [
            (name, trail, key, obj)
            for name, trail, key, obj in self._submitted_objects()
            if type(obj) in refusals
        ]
        new = {(type(obj), obj.pk) for *_rest, obj in submitted}
        new -= stored_media(self.instance, refusals)
        refused = set()
        for model in {model for model, _pk in new}:
            pks = {pk for kind, pk in new if kind is model}
            refused |= {(model, pk) for pk in pks - choosable(user, model, pks)}
        if refused:
            self._refuse([item for item in submitted if (type(item[3]), item[3].pk) in refused])
        return cleaned_data

    def _submitted_objects(self):
        """(field name, trail, data key, object) for every object chosen in the form;
        the trail leads through the blocks of a StreamField to the chooser."""
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value is None:
                continue
            if isinstance(field, forms.ModelChoiceField):
                yield name, (), self.add_prefix(name), value
            elif isinstance(field, BlockField):
                for trail, key, obj in _chosen(
                    field.block, value, self.add_prefix(name), self.data
                ):
                    yield name, trail, key, obj

    def _refuse(self, refused):
        refusals = _refusals()
        # A mutable copy: a refused id gives way to what is stored (a field) or
        # to nothing (a block), so that the form shown again does not show it.
        self.data = self.data.copy()
        by_field = {}
        for name, trail, key, obj in refused:
            if not trail:
                stored = self.initial.get(name)
                self.data[key] = "" if stored is None else str(stored)
            elif key is not None:
                self.data[key] = ""
            by_field.setdefault(name, []).append((trail, refusals[type(obj)]))
        for name, items in by_field.items():
            self.add_error(name, _as_error(items))


def _chosen(block, value, key, data, trail=()):
    """(trail, data key, object) for each model object chosen in a block's value.

    The trail holds (block, child name or position) for each block on the way;
    the data key is None where the posted data cannot be matched to the value."""
    if value is None:
        return
    if isinstance(block, ChooserBlock):
        if isinstance(value, models.Model):
            yield trail, key, value
    elif isinstance(block, StructBlock):
        for name, child in block.child_blocks.items():
            child_key = key and f"{key}-{name}"
            yield from _chosen(child, value.get(name), child_key, data, (*trail, (block, name)))
    elif isinstance(block, (BaseStreamBlock, ListBlock)):
        if isinstance(block, ListBlock):
            children = [(block.child_block, child.value) for child in value.bound_blocks]
        else:
            children = [(child.block, child.value) for child in value]
        indexes = _posted_indexes(block, key, data) if key else []
        if len(indexes) != len(children):
            indexes = [None] * len(children)
        pairs = zip(children, indexes, strict=True)
        for position, ((child, child_value), index) in enumerate(pairs):
            child_key = None if index is None else f"{key}-{index}-value"
            yield from _chosen(child, child_value, child_key, data, (*trail, (block, position)))


def _as_error(items):
    """One field's error from (trail, message) pairs, shaped as Wagtail's own
    block errors (by child name or position), so that each message shows at
    the image block it concerns."""
    for trail, message in items:
        if not trail:
            return ValidationError(message)
    block = items[0][0][0][0]
    groups = {}
    for trail, message in items:
        groups.setdefault(trail[0][1], []).append((trail[1:], message))
    errors = {step: _as_error(group) for step, group in groups.items()}
    if isinstance(block, StructBlock):
        return StructBlockValidationError(block_errors=errors)
    if isinstance(block, ListBlock):
        return ListBlockValidationError(block_errors=errors)
    return StreamBlockValidationError(block_errors=errors)


def _posted_indexes(block, key, data):
    """The form-data index of each child of a posted stream or list, in the
    order of its value (as Wagtail reads them: by `order`, without the deleted)."""
    try:
        found = []
        for i in range(int(data[f"{key}-count"])):
            if data.get(f"{key}-{i}-deleted"):
                continue
            unknown_type = data.get(f"{key}-{i}-type") not in block.child_blocks
            if isinstance(block, BaseStreamBlock) and unknown_type:
                continue
            found.append((int(data[f"{key}-{i}-order"]), i))
    except (KeyError, TypeError, ValueError):
        return []
    return [i for _order, i in sorted(found)]
