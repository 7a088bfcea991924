"""Whose address a limit per address counts: never one a client made up."""

import pytest
from django.test import RequestFactory, override_settings

from core.rate_limit import client_address

FORGED = "198.51.100.66"  # what a client writes into X-Forwarded-For itself
VISITOR = "203.0.113.9"  # what our load balancer saw and appended
BALANCER = "10.0.0.2"


def request(forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=BALANCER, **headers)


def test_without_proxies_the_header_is_ignored():
    assert client_address(request(f"{FORGED}, {VISITOR}")) == BALANCER


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_appended_counts():
    assert client_address(request(f"{FORGED}, {VISITOR}")) == VISITOR
    assert client_address(request(VISITOR)) == VISITOR


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_first_ones_view_counts():
    assert client_address(request(f"{FORGED}, {VISITOR}, 10.0.0.7")) == VISITOR


@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize("forwarded", [None, "", "nonsense", "999.1.1.1"])
def test_a_missing_or_broken_header_falls_back_to_the_connection(forwarded):
    assert client_address(request(forwarded)) == BALANCER
