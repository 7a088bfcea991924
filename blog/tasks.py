from django_tasks import task

from home.mail import templated_email


@task()
def tell_author_article_is_live(article_id):
    """Tell a guest author that the editors published their article, with its link."""
    from .models import ArticlePage

    article = ArticlePage.objects.live().filter(pk=article_id).select_related("owner").first()
    owner = article.owner if article else None
    if owner is None or not owner.email:
        return
    context = {"article": article, "url": article.full_url, "name": owner.first_name or owner}
    templated_email("blog/emails/article_live", context, to=[owner.email]).send()
