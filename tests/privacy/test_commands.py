"""manage.py privacy_export and privacy_erase, for a request that arrives by mail."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from contributions.models import Pitch, Story
from newsletter.models import Subscriber
from resources.models import DownloadRequest

from .conftest import ANNA, EMAIL, ID, SECTION

pytestmark = pytest.mark.django_db


def test_export_prints_the_json(anna, other, capsys):
    call_command("privacy_export", "ANNA@example.nl")

    data = json.loads(capsys.readouterr().out)
    assert data[EMAIL] == ANNA
    assert [record[ID] for record in data[SECTION["pitches"]]] == [anna["pitch"].pk]
    assert len(data[SECTION["newsletter"]]) == len(data[SECTION["download_requests"]]) == 1
    assert "bert" not in json.dumps(data)


def test_export_writes_a_file(anna, tmp_path, capsys):
    output = tmp_path / "anna.json"

    call_command("privacy_export", ANNA, "--output", str(output))

    data = json.loads(output.read_text(encoding="utf-8"))
    assert data[SECTION["stories"]][0]["verhaal"] == "Een ouder stond huilend bij het hek."
    assert "4 records written" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["privacy_export", "privacy_erase"])
def test_an_invalid_address_is_an_error(command):
    with pytest.raises(CommandError, match="Not a valid email address"):
        call_command(command, "anna-at-example.nl", "--yes" if command == "privacy_erase" else [])


def test_erase_without_yes_refuses_and_deletes_nothing(anna):
    with pytest.raises(CommandError, match="--yes"):
        call_command("privacy_erase", ANNA)

    assert Subscriber.objects.count() == Story.objects.count() == 1


def test_erase_with_yes_deletes_the_addresss_records_and_prints_counts(anna, other, capsys):
    call_command("privacy_erase", "anna@example.NL", "--yes")

    out = capsys.readouterr().out
    for kind in ("newsletter", "download_requests", "stories", "pitches"):
        assert f"{kind}: 1" in out
    for model in (Subscriber, DownloadRequest, Story, Pitch):
        assert list(model.objects.values_list("email", flat=True)) == ["bert@example.nl"]
