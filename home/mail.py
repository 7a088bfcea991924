from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def templated_email(template, context, *, to, **kwargs):
    """A mail in plain text and HTML, in the site's language, from the templates
    `<template>_subject.txt`, `<template>.txt` and `<template>.html`."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string(f"{template}.txt", context),
            to=to,
            **kwargs,
        )
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
