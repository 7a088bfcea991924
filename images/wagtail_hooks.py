from wagtail import hooks

from users.roles import is_guest_author


@hooks.register("construct_image_chooser_queryset")
def guest_authors_choose_their_own_images(images, request):
    """Guest authors upload into one shared collection; each chooses only the
    images they uploaded (Wagtail already limits their image listing to those)."""
    if is_guest_author(request.user):
        return images.filter(uploaded_by_user=request.user)
    return images
