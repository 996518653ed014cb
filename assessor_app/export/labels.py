"""Each awarding body's own wording on the record: the structure page's columns and the unit page's header labels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assessor_app.domain.catalogue import Qualification, Unit

NOT_PUBLISHED = "not published"  # the source document prints no value here (ProQual's per-unit GLH)

# A header row of the unit page: (label, value) cells; one cell spans the row, two share it 1:2.
HeaderRow = list[tuple[str, str]]


def published(value) -> str:
    return NOT_PUBLISHED if value is None or value == "" else str(value)


def unit_number(unit: Unit) -> str:
    """Pearson's structure table prints '1' in its Unit column where the unit page says 'Unit 1'."""
    return unit.ref[5:] if unit.ref.lower().startswith("unit ") else unit.ref


# Structure page cells by column key.
STRUCTURE_VALUES: dict[str, Callable[[Unit], str]] = {
    "ref": lambda u: u.ref, "number": unit_number, "urn": lambda u: u.urn, "title": lambda u: u.title,
    "credit": lambda u: published(u.credit), "level": lambda u: published(u.level), "glh": lambda u: published(u.glh),
}


@dataclass(frozen=True)
class Labels:
    """One body's wording. `structure`: (column heading, value key) pairs; `unit_rows`: the unit page header."""

    body: str
    structure: tuple[tuple[str, str], ...]
    unit_rows: Callable[[Unit], list[HeaderRow]]


def _imi_rows(unit: Unit) -> list[HeaderRow]:
    # The printed record writes "None" where a unit has no NOS mapping or rationale; that is its own value.
    return [[("UNIT REF:", unit.ref), ("UNIT TITLE:", (unit.title_on_unit_page or unit.title).upper())],
            [("Level:", published(unit.level)), ("Credit Value:", published(unit.credit)), ("GLH:", published(unit.glh))],
            [("Mapping:", published(unit.mapping))], [("Rationale:", published(unit.rationale))]]


def _proqual_rows(unit: Unit) -> list[HeaderRow]:
    return [[("Unit Reference Number:", unit.urn), ("Unit Title:", unit.title)],
            [("Unit Level:", published(unit.level)), ("Credit Value:", published(unit.credit)),
             ("GLH:", published(unit.glh))],
            [("Mapping:", published(unit.mapping))], [("Rationale:", published(unit.rationale))]]


def _pearson_rows(unit: Unit) -> list[HeaderRow]:
    return [[(f"{unit.ref}:", unit.title)], [("Unit reference number:", unit.urn)],
            [("Level:", published(unit.level)), ("Credit value:", published(unit.credit)),
             ("Guided learning hours:", published(unit.glh))],
            [("Mapping:", published(unit.mapping))], [("Unit aim:", published(unit.rationale))]]


def _city_guilds_rows(unit: Unit) -> list[HeaderRow]:
    return [[(f"{unit.ref}:", unit.title)], [("UAN:", unit.urn)],
            [("Level:", published(unit.level)), ("Credit value:", published(unit.credit)), ("GLH:", published(unit.glh))],
            [("Mapping:", published(unit.mapping))], [("Rationale:", published(unit.rationale))]]


IMI = Labels("IMI", (("CFA Ref.", "ref"), ("Ofqual Ref.", "urn"), ("Title", "title"), ("Credit", "credit"),
                     ("Level", "level"), ("GLH", "glh")), _imi_rows)
PROQUAL = Labels("ProQual", (("Unit Reference Number", "urn"), ("Unit Title", "title"), ("Unit Level", "level"),
                             ("Credit Value", "credit"), ("GLH", "glh")), _proqual_rows)
PEARSON = Labels("Pearson", (("Unit", "number"), ("Unit reference number", "urn"), ("Unit title", "title"),
                             ("Level", "level"), ("Credit", "credit"), ("Guided learning hours", "glh")), _pearson_rows)
CITY_GUILDS = Labels("City & Guilds", (("Unit", "ref"), ("UAN", "urn"), ("Title", "title"), ("Credit value", "credit"),
                                       ("Level", "level"), ("GLH", "glh")), _city_guilds_rows)
BODIES = (PROQUAL, PEARSON, CITY_GUILDS)


def labels_for(qualification: Qualification) -> Labels:
    """The awarding body's own labels; the printed IMI record's wording for IMI and any body not known here."""
    body = qualification.awarding_body.casefold()
    return next((labels for labels in BODIES if labels.body.casefold() in body), IMI)
