"""Who may do what with which image: Wagtail's rule, and one of our own.

Guest authors upload into one shared collection (users.roles), and may
choose images there. Wagtail's rule would then offer each guest every other
guest's uploads: their classroom photos, a portrait meant for their own
draft. Here a guest author's rights on an image, choosing included, reach
only the images they uploaded themselves. Every part of the admin asks this
policy: the image listing, the chooser and its "chosen" view, and the forms
that check what was submitted (core.chosen_media).
"""

from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from users.roles import is_guest_author


def _is_guest_author(user):
    # Asked once per image in some admin listings: remembered on the request's user.
    try:
        return user._images_is_guest_author
    except AttributeError:
        user._images_is_guest_author = is_guest_author(user)
        return user._images_is_guest_author


class ImagePermissionPolicy(CollectionOwnershipPermissionPolicy):
    def instances_user_has_any_permission_for(self, user, actions):
        images = super().instances_user_has_any_permission_for(user, actions)
        if _is_guest_author(user):
            images = images.filter(**{self.owner_field_name: user})
        return images

    def user_has_any_permission_for_instance(self, user, actions, instance):
        owner_id = getattr(instance, self.owner_field_name + "_id")
        if _is_guest_author(user) and owner_id != user.pk:
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)


def image_permission_policy(model):
    return ImagePermissionPolicy(
        model, auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
    )
