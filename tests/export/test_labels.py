"""Each awarding body's own wording is chosen by the qualification's awarding body; unknown bodies get IMI's."""

import dataclasses

import pytest

from assessor_app.export.labels import IMI, NOT_PUBLISHED, PEARSON, PROQUAL, labels_for, published, unit_number
from assessor_app.paths import shipped_dir
from assessor_app.services.catalogue import load_catalogue

CATALOGUE = load_catalogue(shipped_dir("qualifications"))


@pytest.mark.parametrize("number, labels", [("601/3456/2", IMI), ("601/3577/3", PROQUAL), ("601/5358/1", PEARSON),
                                            ("601/5359/3", PEARSON)])
def test_each_shipped_qualification_gets_its_bodys_labels(number, labels):
    assert labels_for(CATALOGUE.get(number)) is labels


def test_a_centres_own_body_falls_back_to_the_printed_imi_wording():
    q = dataclasses.replace(CATALOGUE.get("601/3456/2"), awarding_body="Hertford Regional College Awards")
    assert labels_for(q) is IMI


def test_unit_rows_in_each_bodys_words_and_what_is_not_published():
    proqual = CATALOGUE.get("601/3577/3").units[0]
    assert PROQUAL.unit_rows(proqual)[0] == [("Unit Reference Number:", proqual.urn), ("Unit Title:", proqual.title)]
    assert ("GLH:", NOT_PUBLISHED) in PROQUAL.unit_rows(proqual)[1]
    pearson = CATALOGUE.get("601/5359/3").unit("K/506/9011")
    assert PEARSON.unit_rows(pearson)[:2] == [[("Unit 1:", "Customer Service Principles")],
                                             [("Unit reference number:", "K/506/9011")]]
    imi = CATALOGUE.get("601/3456/2").unit("A/506/2130")
    assert IMI.unit_rows(imi)[0] == [("UNIT REF:", "CS 7"), ("UNIT TITLE:", "DELIVER CUSTOMER SERVICE")]
    assert (published(None), published(""), published(0), unit_number(pearson)) == (NOT_PUBLISHED, NOT_PUBLISHED,
                                                                                    "0", "1")
