import pytest

from tests.conversations.factories import questionnaire as make_questionnaire


@pytest.fixture
def questionnaire(resource_index):
    return make_questionnaire(resource_index)
