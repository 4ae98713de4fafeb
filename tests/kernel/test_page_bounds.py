"""A page far past the end is a 404 problem as any page past the end, never a 500 from an OFFSET
no database integer holds (schemathesis found `?page=1189664245295001600` on zaken and
`?page=99999999999999999999` on zaaktypen)."""

import pytest

from shared.errors import NotFound
from shared.pagination import MAX_OFFSET, PAGE_SIZE, page_from

HUGE = ["1189664245295001600", "99999999999999999999", str(MAX_OFFSET)]


@pytest.mark.parametrize("page", HUGE)
def test_zaken_page_far_past_the_end_is_404(zaken, page):
    response = zaken.get("/zaken", params={"page": page})
    assert response.status_code == 404, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("page", HUGE)
def test_zaaktypen_page_far_past_the_end_is_404(catalogi, page):
    response = catalogi.get("/zaaktypen", params={"page": page})
    assert response.status_code == 404, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


def test_the_last_page_an_offset_can_hold_is_still_a_page():
    last = (MAX_OFFSET - PAGE_SIZE) // PAGE_SIZE + 1
    assert page_from(last).offset <= MAX_OFFSET - PAGE_SIZE
    with pytest.raises(NotFound):
        page_from(last + 1)
