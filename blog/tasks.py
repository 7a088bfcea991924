from django_tasks import task

from core.mail import send_or_retry, templated_email

from .models import ArticlePage


@task()
def tell_author_article_is_live(article_id, attempt=1):
    """Tell a guest author that the editors published their article, with its link.

    Should the mail server fail, it is tried again later (core.mail).
    """
    article = ArticlePage.objects.live().filter(pk=article_id).select_related("owner").first()
    owner = article.owner if article else None
    if owner is None or not owner.email:
        return
    context = {"article": article, "url": article.full_url, "name": owner.first_name or owner}
    message = templated_email("blog/emails/article_live", context, to=[owner.email])
    send_or_retry(message, tell_author_article_is_live, article_id, attempt=attempt)
